/** The shapes of a letter's pdfmake document definition, shared by the letter's layouts. */
import type { LetterLabels } from './letter-labels';

/** The subset of pdfmake's content model the letter uses. */
export type Content = string | { [key: string]: unknown } | Content[];

export interface LetterDocumentDefinition {
  pageSize: 'A4';
  pageMargins: [number, number, number, number];
  info: { title: string; author: string; subject: string; creator: string; producer: string; creationDate: Date };
  language: string;
  header: (currentPage: number, pageCount: number) => Content;
  footer: (currentPage: number, pageCount: number) => Content;
  content: Content[];
  styles: Record<string, Record<string, unknown>>;
  defaultStyle: Record<string, unknown>;
  pageBreakBefore: (node: LaidOutNode, nodes: { getFollowingNodesOnPage: () => LaidOutNode[] }) => boolean;
}

/** What pdfmake tells of a node once laid out, when it asks whether to break the page before it. */
export interface LaidOutNode {
  text?: unknown;
  style?: unknown;
  headlineLevel?: number;
  startPosition?: { pageNumber?: number; verticalRatio?: number };
}

export const LETTER_FONT_FAMILY = 'DejaVuSans';

/** The styles of the pages' headers and footers, and only theirs: the page-break rule tells them from the letter's text by them. */
export const PAGE_FURNITURE: readonly string[] = ['pageHeader', 'pageFooter', 'pageNumber'];

/** What both layouts share: the body's sections, the metadata, the page-break rule. */
export interface LetterParts {
  L: LetterLabels;
  title: string;
  basis: string;
  sections: Content[];
  info: LetterDocumentDefinition['info'];
  pageBreakBefore: LetterDocumentDefinition['pageBreakBefore'];
}


/** The send dialog's signature choice and the "sealed by" note (issue 21): merged into the `requests` namespace as `signed`. */
const en = {
  choose: 'How is the letter signed?',
  seal: 'Seal it with your authority’s certificate',
  sealBy: 'Signer: {{subject}}',
  upload: 'Upload the signed copy',
  uploadHelp: 'Download the letter as it is sent today, print it, sign and stamp it (or sign the PDF with your own token), then upload the scan or the signed PDF.',
  noCertificate: 'Your authority has no sealing certificate (an administrator sets one): upload the signed copy of the letter.',
  download: 'Download the letter to sign ({{language}})',
  toSign: 'Letter to sign: SHA-256 {{hash}}',
  file: 'Signed copy (scan or signed PDF)',
  uploadButton: 'Upload the signed copy',
  uploaded: 'Signed copy uploaded; the server verified its SHA-256 {{hash}}. It is bound to the letter {{letter}}.',
  downloadFirst: 'Download the letter to sign first: the signed copy is bound to it.',
  sealedBy: 'Sealed by {{subject}}',
  sealedHelp: 'Any PDF reader (or pdfsig) verifies the signature of the letter as sent.',
  signedCopy: 'Sent with the signed copy uploaded by the officer: {{fileName}}, SHA-256 {{hash}}',
};

type Messages = typeof en;

const vi: Messages = {
  choose: 'Thư được ký bằng cách nào?',
  seal: 'Đóng dấu số bằng chứng thư của cơ quan bạn',
  sealBy: 'Người ký: {{subject}}',
  upload: 'Tải lên bản đã ký',
  uploadHelp: 'Tải thư như sẽ được gửi hôm nay, in ra, ký và đóng dấu (hoặc ký tệp PDF bằng chữ ký số của bạn), rồi tải lên bản quét hoặc tệp PDF đã ký.',
  noCertificate: 'Cơ quan bạn chưa có chứng thư đóng dấu số (do quản trị viên thiết lập): hãy tải lên bản thư đã ký.',
  download: 'Tải thư để ký ({{language}})',
  toSign: 'Thư cần ký: SHA-256 {{hash}}',
  file: 'Bản đã ký (bản quét hoặc PDF đã ký)',
  uploadButton: 'Tải lên bản đã ký',
  uploaded: 'Đã tải lên bản đã ký; máy chủ đã xác minh SHA-256 {{hash}}. Bản này gắn với thư {{letter}}.',
  downloadFirst: 'Hãy tải thư để ký trước: bản đã ký được gắn với đúng thư đó.',
  sealedBy: 'Đã đóng dấu số bởi {{subject}}',
  sealedHelp: 'Mọi trình đọc PDF (hoặc pdfsig) đều kiểm tra được chữ ký của thư như đã gửi.',
  signedCopy: 'Đã gửi kèm bản đã ký do cán bộ tải lên: {{fileName}}, SHA-256 {{hash}}',
};

export const signedLetterMessages = { en, vi };

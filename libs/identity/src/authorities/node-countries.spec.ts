import { localOutsideNode } from './node-countries';

describe('localOutsideNode', () => {
  it('lets any country be LOCAL in the single-node mode, and a node’s own countries on a node', () => {
    expect(localOutsideNode('SG', null)).toBeNull();
    expect(localOutsideNode('VN', ['LA', 'VN'])).toBeNull();
  });
  it('says why another country’s authority cannot be LOCAL on a node', () => {
    expect(localOutsideNode('SG', ['VN'])).toBe('cannot be LOCAL on this node, which serves VN (NODE_COUNTRIES): an authority of SG is PEER or OFFLINE here');
  });
});

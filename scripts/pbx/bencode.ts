/** The ng protocol's bencode lives with the service's rtpengine client; scripts use it from there. */
export { BencodeError, decodeBencode, encodeBencode, type BencodeValue } from '../../server/src/media/bencode';

//! MTProto envelopes and gzip streams written from the specifications, and the one table of
//! envelope-rule cases every decoder is tested with.
//!
//! The writers are independent of the code under test: gzip members are built from RFC 1952
//! (header, CRC-32 of §8, `ISIZE`) around deflate data written from RFC 1951 — stored blocks
//! (§3.2.4) for ordinary content, one fixed-Huffman block (§3.2.6) of literals and
//! length-258/distance-1 copies for long runs of zeros (a "bomb" of any size in about
//! 1/160 of it). The envelope objects follow `mtproto.tl` and
//! <https://core.telegram.org/mtproto/service_messages>.
//!
//! [`cases`] is the table of the envelope rules (`tlgen_runtime::Scope`): containers never
//! nest, however deep the gzip between them; gzip never inside gzip, directly or through a
//! generic call.

/// `gzip_packed#3072cfa1 packed_data:bytes = Object`.
pub const GZIP_PACKED_ID: u32 = 0x3072_cfa1;
/// `msg_container#73f1f8dc messages:vector<%Message> = MessageContainer`.
pub const MSG_CONTAINER_ID: u32 = 0x73f1_f8dc;
/// `rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult`.
pub const RPC_RESULT_ID: u32 = 0xf35c_6d01;
/// `invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X` (`api.tl`).
pub const INVOKE_WITH_LAYER_ID: u32 = 0xda9b_0d0d;
/// `help.getConfig#c4f9186b = Config` (`api.tl`).
pub const HELP_GET_CONFIG_ID: u32 = 0xc4f9_186b;
/// `boolTrue#997275b5 = Bool`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;

/// A TL `bytes`: the 1- or 4-byte length prefix, the data, zero padding to whole words.
#[must_use]
pub fn tl_bytes(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 8);
    if data.len() < 254 {
        out.push(data.len() as u8);
    } else {
        out.push(254);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes()[..3]);
    }
    out.extend_from_slice(data);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    out
}

/// The CRC-32 of RFC 1952 §8 (reflected polynomial `0xedb88320`), table-driven.
#[must_use]
pub fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (n, slot) in table.iter_mut().enumerate() {
        let mut c = n as u32;
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    !data.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}

/// The CRC-32 of `prefix`, `zeros` zero bytes, then `suffix`.
fn crc32_with_zeros(prefix: &[u8], zeros: usize, suffix: &[u8]) -> u32 {
    let mut all = prefix.to_vec();
    all.resize(prefix.len() + zeros, 0);
    all.extend_from_slice(suffix);
    crc32(&all)
}

/// A gzip member header: magic, deflate, no flags, time 0, no extra flags, OS unknown.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];

/// A gzip member of `content` in stored deflate blocks (RFC 1951 §3.2.4).
#[must_use]
pub fn gzip(content: &[u8]) -> Vec<u8> {
    let mut out = HEADER.to_vec();
    let mut chunks = content.chunks(0xffff).peekable();
    if content.is_empty() {
        out.extend([1, 0, 0, 0xff, 0xff]);
    }
    while let Some(chunk) = chunks.next() {
        out.push(u8::from(chunks.peek().is_none()));
        let len = chunk.len() as u16;
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend(crc32(content).to_le_bytes());
    out.extend((content.len() as u32).to_le_bytes());
    out
}

/// Deflate bits, least significant first (RFC 1951 §3.1.1).
struct Bits {
    out: Vec<u8>,
    bit: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        for i in 0..count {
            if self.bit == 0 {
                self.out.push(0);
            }
            if value >> i & 1 == 1 {
                if let Some(last) = self.out.last_mut() {
                    *last |= 1 << self.bit;
                }
            }
            self.bit = (self.bit + 1) % 8;
        }
    }

    /// A Huffman code, most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        for i in (0..len).rev() {
            self.put(code >> i & 1, 1);
        }
    }

    /// A literal byte in the fixed code (§3.2.6).
    fn literal(&mut self, byte: u8) {
        match byte {
            0..=143 => self.code(0x30 + u32::from(byte), 8),
            _ => self.code(0x190 + u32::from(byte) - 144, 9),
        }
    }
}

/// A gzip member of `prefix`, `zeros` zero bytes and `suffix`, in one fixed-Huffman block
/// whose zeros are copies of length 258 at distance 1: 13 bits per 258 bytes.
/// `trailer: false` leaves the CRC-32 and size out (a bomb never gets that far).
#[must_use]
pub fn gzip_zeros(prefix: &[u8], zeros: usize, suffix: &[u8], trailer: bool) -> Vec<u8> {
    let mut bits = Bits {
        out: HEADER.to_vec(),
        bit: 0,
    };
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE 01: fixed Huffman codes
    for &b in prefix {
        bits.literal(b);
    }
    let mut left = zeros;
    if left > 0 {
        bits.literal(0);
        left -= 1;
    }
    while left >= 258 {
        bits.code(0xc5, 8); // length code 285: 258 bytes
        bits.code(0, 5); // distance code 0: 1 byte back
        left -= 258;
    }
    for _ in 0..left {
        bits.literal(0);
    }
    for &b in suffix {
        bits.literal(b);
    }
    bits.code(0, 7); // end of block (256)
    let mut out = bits.out;
    if trailer {
        out.extend(crc32_with_zeros(prefix, zeros, suffix).to_le_bytes());
        out.extend(((prefix.len() + zeros + suffix.len()) as u32).to_le_bytes());
    }
    out
}

/// `gzip_packed` holding the gzip member `stream`.
#[must_use]
pub fn packed_stream(stream: &[u8]) -> Vec<u8> {
    let mut out = GZIP_PACKED_ID.to_le_bytes().to_vec();
    out.extend(tl_bytes(stream));
    out
}

/// `gzip_packed` holding `object` (stored blocks).
#[must_use]
pub fn packed(object: &[u8]) -> Vec<u8> {
    packed_stream(&gzip(object))
}

/// A bare `message msg_id:long seqno:int bytes:int body:Object`.
#[must_use]
pub fn message(msg_id: i64, seqno: i32, body: &[u8]) -> Vec<u8> {
    let mut out = msg_id.to_le_bytes().to_vec();
    out.extend(seqno.to_le_bytes());
    out.extend((body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// A `msg_container` of `bodies`, as messages 1, 2, ….
#[must_use]
pub fn container(bodies: &[&[u8]]) -> Vec<u8> {
    let mut out = MSG_CONTAINER_ID.to_le_bytes().to_vec();
    out.extend((bodies.len() as u32).to_le_bytes());
    for (i, body) in bodies.iter().enumerate() {
        out.extend(message(i as i64 + 1, 2 * i as i32 + 1, body));
    }
    out
}

/// `rpc_result` answering request 7 with `result`.
#[must_use]
pub fn rpc_result(result: &[u8]) -> Vec<u8> {
    let mut out = RPC_RESULT_ID.to_le_bytes().to_vec();
    out.extend(7i64.to_le_bytes());
    out.extend_from_slice(result);
    out
}

/// `invokeWithLayer` layer 201 of `query`.
#[must_use]
pub fn invoke_with_layer(query: &[u8]) -> Vec<u8> {
    let mut out = INVOKE_WITH_LAYER_ID.to_le_bytes().to_vec();
    out.extend(201i32.to_le_bytes());
    out.extend_from_slice(query);
    out
}

/// What the envelope rules say of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Accepted.
    Accept,
    /// A `gzip_packed` inside a packed object: `GzipError::Nested` at this byte of the stream
    /// it is in (the innermost unpacked content).
    NestedGzip(usize),
    /// A container inside a container: `UnexpectedConstructor` of `msg_container` at this
    /// byte of the stream it is in.
    NestedContainer(usize),
}

/// One case of the envelope rules.
#[derive(Debug, Clone)]
pub struct Case {
    /// What it is, e.g. `gzip(invokeWithLayer(gzip(help.getConfig)))`.
    pub name: &'static str,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Whether it holds an envelope object other than `gzip_packed` (`msg_container`,
    /// `rpc_result`), which a decoder of the schema's objects alone does not read.
    pub envelope: bool,
    /// What the rules say.
    pub verdict: Verdict,
}

/// The table: every decoder must give each case its verdict.
#[must_use]
pub fn cases() -> Vec<Case> {
    let yes = BOOL_TRUE_ID.to_le_bytes().to_vec();
    let call = HELP_GET_CONFIG_ID.to_le_bytes().to_vec();
    let empty = container(&[]);
    let case = |name, bytes, envelope, verdict| Case {
        name,
        bytes,
        envelope,
        verdict,
    };
    use Verdict::{Accept, NestedContainer, NestedGzip};
    vec![
        case("boolTrue", yes.clone(), false, Accept),
        case("gzip(boolTrue)", packed(&yes), false, Accept),
        // Direct: the inner id is at byte 0 of the outer content.
        case(
            "gzip(gzip(boolTrue))",
            packed(&packed(&yes)),
            false,
            NestedGzip(0),
        ),
        case(
            "invokeWithLayer(gzip(help.getConfig))",
            invoke_with_layer(&packed(&call)),
            false,
            Accept,
        ),
        // Through a generic call: the inner id after invokeWithLayer's id and layer.
        case(
            "gzip(invokeWithLayer(gzip(help.getConfig)))",
            packed(&invoke_with_layer(&packed(&call))),
            false,
            NestedGzip(8),
        ),
        case(
            "gzip(invokeWithLayer(invokeWithLayer(gzip(help.getConfig))))",
            packed(&invoke_with_layer(&invoke_with_layer(&packed(&call)))),
            false,
            NestedGzip(16),
        ),
        case(
            "invokeWithLayer(gzip(invokeWithLayer(gzip(help.getConfig))))",
            invoke_with_layer(&packed(&invoke_with_layer(&packed(&call)))),
            false,
            NestedGzip(8),
        ),
        case("msg_container[]", empty.clone(), true, Accept),
        case(
            "msg_container[gzip(boolTrue), rpc_result(gzip(boolTrue))]",
            container(&[&packed(&yes), &rpc_result(&packed(&yes))]),
            true,
            Accept,
        ),
        case(
            "gzip(msg_container[boolTrue])",
            packed(&container(&[&yes])),
            true,
            Accept,
        ),
        // The body starts after the id, count, msg_id, seqno and bytes.
        case(
            "msg_container[msg_container[]]",
            container(&[&empty]),
            true,
            NestedContainer(24),
        ),
        case(
            "msg_container[gzip(msg_container[])]",
            container(&[&packed(&empty)]),
            true,
            NestedContainer(0),
        ),
        case(
            "msg_container[rpc_result(msg_container[])]",
            container(&[&rpc_result(&empty)]),
            true,
            NestedContainer(36),
        ),
        case(
            "msg_container[rpc_result(gzip(msg_container[]))]",
            container(&[&rpc_result(&packed(&empty))]),
            true,
            NestedContainer(0),
        ),
        case(
            "gzip(msg_container[gzip(boolTrue)])",
            packed(&container(&[&packed(&yes)])),
            true,
            NestedGzip(24),
        ),
        case(
            "msg_container[gzip(invokeWithLayer(gzip(help.getConfig)))]",
            container(&[&packed(&invoke_with_layer(&packed(&call)))]),
            true,
            NestedGzip(8),
        ),
        case(
            "rpc_result(gzip(rpc_result(gzip(boolTrue))))",
            rpc_result(&packed(&rpc_result(&packed(&yes)))),
            true,
            NestedGzip(12),
        ),
    ]
}

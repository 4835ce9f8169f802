//! Writes the corpus as seeds for the `decode_typed` fuzz target (`generated/fuzz/`): one file per sample,
//! its selector byte (0 `Updates`, 1 `messages.Messages`, 2 `Vector<User>`) then its bytes.
//!
//! ```text
//! cargo run -p tl-bench --release --example fuzz_seeds -- generated/fuzz/corpus/decode_typed
//! ```

use tl_bench::{corpus, corpus_with, Kind, TextMix};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "generated/fuzz/corpus/decode_typed".into());
    std::fs::create_dir_all(&dir).expect("create the seed directory");
    let mut samples = corpus();
    samples.extend(corpus_with(TextMix::NonAscii));
    for (i, s) in samples.iter().enumerate() {
        let selector = match s.kind {
            Kind::Updates | Kind::UpdatesCombined | Kind::ShortMessage | Kind::ShortChatMessage => {
                0
            }
            Kind::MessagesPage | Kind::ChannelMessagesPage => 1,
            Kind::UserVector => 2,
        };
        let mut seed = vec![selector];
        seed.extend_from_slice(&s.bytes);
        std::fs::write(format!("{dir}/seed-{i:03}"), seed).expect("write a seed");
    }
    eprintln!("{} seeds in {dir}", samples.len());
}

fn main() {
    let source = include_str!("../../schema/api.tl");
    let rounds = 300u32;
    let mut best = std::time::Duration::MAX;
    for _ in 0..6 {
        let t = std::time::Instant::now();
        for _ in 0..rounds / 6 {
            std::hint::black_box(
                grammers_tl_parser::parse_tl_file(std::hint::black_box(source)).collect::<Vec<_>>(),
            );
        }
        best = best.min(t.elapsed() / (rounds / 6));
    }
    println!("grammers best {best:?}");
}

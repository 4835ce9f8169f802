fn main() {
    let root = tl_codegen::workspace::find_root();
    match tl_codegen::workspace::bindings_config(&root).write() {
        Ok(o) => println!("{:?}", o.stats),
        Err(e) => println!("ERR {e}"),
    }
}

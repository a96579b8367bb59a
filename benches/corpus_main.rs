//! Writes a generated corpus to disk: `corpus <METHODS> <DIR>` writes one file per page under
//! DIR/pages and all of them concatenated as DIR/full-docs.md.

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(methods), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: corpus <METHODS> <DIR>");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    let pages = wixgen_bench::pages(methods, wixgen_bench::SEED);
    let mut all = String::new();
    for page in &pages {
        let path = dir.join("pages").join(&page.file_name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &page.text).unwrap();
        all.push_str(&page.text);
        all.push('\n');
    }
    std::fs::write(dir.join("full-docs.md"), &all).unwrap();
    println!("{methods} pages, {} bytes, in {}", all.len(), dir.display());
}

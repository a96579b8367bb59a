//! Calls the generated GetWidget against WIX_BASE_URL and prints what came back.

include!(concat!(env!("OUT_DIR"), "/wix_api.rs"));

use widgets::rest::{GetWidgetRequest, Widgets};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("out_dir={}", env!("OUT_DIR"));
    let client = wixgen_runtime::Client::builder()
        .api_key("consumer-key")
        .site_id("consumer-site")
        .base_url(std::env::var("WIX_BASE_URL").expect("WIX_BASE_URL"))
        .build()
        .unwrap();
    // Built from outside the generated module, as a user would: fields are set through the
    // constructor and setters (the unknown-field map is private).
    let request =
        GetWidgetRequest::new("w-1").with_fields(vec!["name".into(), "size".into()]);
    match Widgets::new(&client).get_widget(&request).await {
        Ok(response) => {
            let widget = response.widget.unwrap_or_default();
            println!("widget {} is {:?}", widget.name.unwrap_or_default(), widget.size);
        }
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    }
}

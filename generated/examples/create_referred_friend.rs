//! Calls CreateReferredFriend (REST variant) with credentials from the environment.
//!
//! ```sh
//! WIX_API_KEY=… WIX_SITE_ID=… WIX_REFERRAL_CODE=… \
//!     cargo run -p wix-api --example create_referred_friend
//! ```
//!
//! `WIX_BASE_URL` points the client elsewhere (a proxy, a local test server).

use std::process::ExitCode;
use wix_api::referral_program::rest::{
    CreateReferredFriendError, CreateReferredFriendRequest, ReferralProgram,
};
use wix_api::{Client, Error};

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name} (see the example's header)"))
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let mut builder = Client::builder()
        .api_key(env("WIX_API_KEY")?)
        .site_id(env("WIX_SITE_ID")?);
    if let Ok(url) = std::env::var("WIX_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build().map_err(|e| e.to_string())?;
    let request = CreateReferredFriendRequest::new().with_referral_code(env("WIX_REFERRAL_CODE")?);
    match ReferralProgram::new(&client)
        .create_referred_friend(&request)
        .await
    {
        Ok(response) => {
            let friend = response.referred_friend.unwrap_or_default();
            println!(
                "referred friend {} (status {})",
                friend.id.as_deref().unwrap_or("?"),
                friend
                    .status
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| "?".into())
            );
            Ok(())
        }
        Err(Error::Api(CreateReferredFriendError::MemberNotEligible(error))) => {
            Err(format!("this member can't be referred: {}", error.message))
        }
        Err(error) => Err(format!("the call failed: {error}")),
    }
}

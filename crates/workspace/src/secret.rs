//! Passwords (argon2id) and random tokens.
//!
//! Session ids, CSRF tokens and API tokens are 32 random bytes from the operating system, shown
//! as 64 hex digits. The store keeps only [`hash_token`] of a session id or an API token, so a
//! copy of the database lets no one sign in; a CSRF token is not a credential on its own and is
//! kept as is beside its session.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sha2::{Digest, Sha256};

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted (hashing has a cost; nobody types more).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Why a password was refused or could not be hashed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Too short.
    #[error("the password is too short: at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    /// Too long.
    #[error("the password is too long: at most {MAX_PASSWORD_CHARS} characters")]
    TooLong,
    /// The system gave no randomness, or hashing failed.
    #[error("cannot hash the password: {0}")]
    Hashing(String),
}

/// A random secret, as hex text.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// The hex text (what goes in the cookie, the form or the `Authorization` header).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(***)")
    }
}

fn argon() -> Argon2<'static> {
    // OWASP's first argon2id setting: 19 MiB, 2 passes, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A fresh 32-byte random token.
pub fn new_token() -> Result<Token, PasswordError> {
    let mut b = [0u8; 32];
    getrandom::getrandom(&mut b).map_err(|e| PasswordError::Hashing(e.to_string()))?;
    Ok(Token(hex::encode(b)))
}

/// What the store keeps of a session id or an API token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Checks the length and hashes a new password (PHC string: algorithm, parameters, salt, hash).
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(PasswordError::TooLong);
    }
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| PasswordError::Hashing(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| PasswordError::Hashing(e.to_string()))?;
    argon().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| PasswordError::Hashing(e.to_string()))
}

/// Whether `password` matches a stored hash; a malformed hash matches nothing.
pub fn verify_password(password: &str, stored: &str) -> bool {
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return false;
    }
    match PasswordHash::new(stored) {
        Ok(h) => argon().verify_password(password.as_bytes(), &h).is_ok(),
        Err(_) => false,
    }
}

/// A hash that matches no password, verified when a sign-in names an unknown account so that
/// the answer takes as long as for a known one.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let secret = new_token().map(|t| t.0).unwrap_or_else(|_| "no randomness: this hash is never matched".into());
        hash_password(&secret).unwrap_or_default()
    })
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_round_trip() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterY", &h));
        assert!(!verify_password("correct horse battery", "not a hash"));
        assert!(dummy_hash().starts_with("$argon2id$"));
        assert!(!verify_password("anything at all", dummy_hash()));
        // Salted: the same password hashes differently each time.
        assert_ne!(h, hash_password("correct horse battery").unwrap());
    }

    #[test]
    fn password_length() {
        assert_eq!(hash_password("short"), Err(PasswordError::TooShort));
        assert_eq!(hash_password(&"x".repeat(257)), Err(PasswordError::TooLong));
    }

    #[test]
    fn tokens() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.as_str().len(), 64);
        assert_ne!(a, b);
        assert_eq!(hash_token(a.as_str()).len(), 64);
        assert_ne!(hash_token(a.as_str()), a.as_str());
        assert!(same_secret(a.as_str(), a.as_str()));
        assert!(!same_secret(a.as_str(), b.as_str()));
        assert!(!same_secret("ab", "abc"));
        assert_eq!(format!("{a:?}"), "Token(***)");
    }
}

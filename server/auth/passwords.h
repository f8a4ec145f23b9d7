#pragma once
// Passwords and tokens. Passwords are hashed with argon2id through libsodium (crypto_pwhash_str:
// salt and parameters inside the string). Tokens are 32 random bytes in base64url handed to the
// client once; the server keeps only their SHA-256, so a copy of the database opens no session.

#include "result.h"

#include <QByteArray>
#include <QString>

namespace Relais::Server::Auth {

// Must run once before any other call (libsodium's sodium_init).
bool initialize();

// Rules a new password must meet; issues name the field "password".
Issues checkNewPassword(const QString &password);

Result<QString> hashPassword(const QString &password);
bool verifyPassword(const QString &hash, const QString &password);

// A hash that verifies nothing: checking it costs what a real check costs, so that a login with an
// unknown user name takes as long as one with a wrong password.
const QString &decoyHash();

QByteArray newToken();                         // base64url, no padding
QByteArray tokenHash(const QByteArray &token); // hex SHA-256
// A well-formed token is 43 base64url characters; anything else is refused before the database.
bool looksLikeToken(const QByteArray &token);

} // namespace Relais::Server::Auth

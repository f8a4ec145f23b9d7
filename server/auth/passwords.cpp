#include "passwords.h"

#include <QCoreApplication>

#include <sodium.h>

namespace Relais::Server::Auth {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Server::Auth", text);
}
constexpr int MinPasswordLength = 10;
constexpr int MaxPasswordLength = 1024;
} // namespace

bool initialize()
{
    return sodium_init() >= 0;
}

Issues checkNewPassword(const QString &password)
{
    Issues issues;
    if (password.size() < MinPasswordLength)
        issues << Issue{QStringLiteral("password"), QStringLiteral("password.too_short"),
                        tr("A password has at least %1 characters.").arg(MinPasswordLength)};
    if (password.size() > MaxPasswordLength)
        issues << Issue{QStringLiteral("password"), QStringLiteral("password.too_long"),
                        tr("A password has at most %1 characters.").arg(MaxPasswordLength)};
    return issues;
}

Result<QString> hashPassword(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        return Error::make(ErrorKind::Internal, QStringLiteral("password.hash"),
                           tr("Hashing the password failed (out of memory)."));
    return QString::fromLatin1(out);
}

bool verifyPassword(const QString &hash, const QString &password)
{
    const QByteArray h = hash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    if (h.isEmpty() || h.size() >= crypto_pwhash_STRBYTES)
        return false;
    return crypto_pwhash_str_verify(h.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

const QString &decoyHash()
{
    static const QString hash = [] {
        QByteArray random(32, Qt::Uninitialized);
        randombytes_buf(random.data(), size_t(random.size()));
        auto h = hashPassword(QString::fromLatin1(random.toHex()));
        return h ? *h : QString();
    }();
    return hash;
}

QByteArray newToken()
{
    QByteArray raw(32, Qt::Uninitialized);
    randombytes_buf(raw.data(), size_t(raw.size()));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray tokenHash(const QByteArray &token)
{
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char *>(token.constData()),
                       quint64(token.size()));
    return QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex();
}

bool looksLikeToken(const QByteArray &token)
{
    if (token.size() != 43)
        return false;
    for (char c : token)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
              || c == '_'))
            return false;
    return true;
}

} // namespace Relais::Server::Auth

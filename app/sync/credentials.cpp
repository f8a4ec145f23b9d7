#include "credentials.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

#if RELAIS_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

Q_LOGGING_CATEGORY(lcCredentials, "relais.sync.credentials", QtInfoMsg)

namespace Relais::Sync {

namespace {
[[maybe_unused]] const QString kService = QStringLiteral("Relais");
[[maybe_unused]] constexpr int KeychainTimeoutMs = 5000;
} // namespace

Credentials::Credentials(QString key, QObject *parent) : QObject(parent), m_key(std::move(key))
{
    if (qEnvironmentVariableIsSet("RELAIS_NO_KEYCHAIN"))
        m_keychain = false;
#if !RELAIS_HAVE_KEYCHAIN
    m_keychain = false; // built without QtKeychain (RELAIS_WITH_KEYCHAIN=OFF, see docs/windows.md)
#endif
}

QString Credentials::whereText() const
{
    switch (m_where) {
    case Where::Keychain: return tr("The session is kept in the system keychain.");
    case Where::File:
        return tr("The session is kept in a file only you can read (no keychain answered).");
    case Where::Nowhere: break;
    }
    return tr("No session is kept on this computer: log in at each start.");
}

QString Credentials::filePath() const
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.relais");
    return dir + QStringLiteral("/token-") + m_key;
}

bool Credentials::writeFile(const QByteArray &token)
{
    QDir().mkpath(QFileInfo(filePath()).absolutePath());
    QSaveFile f(filePath());
    // Owner only, before a byte of the token is written.
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(token);
    return f.commit();
}

QByteArray Credentials::readFile() const
{
    QFile f(filePath());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().trimmed();
}

void Credentials::load()
{
    if (!m_keychain) {
        const QByteArray token = readFile();
        m_where = token.isEmpty() ? Where::Nowhere : Where::File;
        QTimer::singleShot(0, this, [this, token] { Q_EMIT loaded(token); });
        return;
    }
#if RELAIS_HAVE_KEYCHAIN
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(m_key);
    job->setAutoDelete(true);
    auto done = std::make_shared<bool>(false);
    connect(job, &QKeychain::Job::finished, this, [this, job, done] {
        if (*done)
            return;
        *done = true;
        if (job->error() == QKeychain::NoError) {
            m_where = Where::Keychain;
            Q_EMIT loaded(job->binaryData());
            return;
        }
        qCInfo(lcCredentials) << "keychain:" << job->errorString() << "- using the file";
        const QByteArray token = readFile();
        m_where = token.isEmpty() ? Where::Nowhere : Where::File;
        Q_EMIT loaded(token);
    });
    QTimer::singleShot(KeychainTimeoutMs, this, [this, done] {
        if (*done)
            return;
        *done = true;
        m_keychain = false;
        const QByteArray token = readFile();
        m_where = token.isEmpty() ? Where::Nowhere : Where::File;
        Q_EMIT loaded(token);
    });
    job->start();
#endif
}

void Credentials::save(const QByteArray &token)
{
    if (!m_keychain) {
        m_where = writeFile(token) ? Where::File : Where::Nowhere;
        return;
    }
#if RELAIS_HAVE_KEYCHAIN
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(m_key);
    job->setBinaryData(token);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [this, job, token] {
        if (job->error() == QKeychain::NoError) {
            m_where = Where::Keychain;
            QFile::remove(filePath()); // one place only
            return;
        }
        qCInfo(lcCredentials) << "keychain:" << job->errorString() << "- using the file";
        m_keychain = false;
        m_where = writeFile(token) ? Where::File : Where::Nowhere;
    });
    job->start();
#endif
}

void Credentials::forget()
{
    QFile::remove(filePath());
#if RELAIS_HAVE_KEYCHAIN
    if (m_keychain) {
        auto *job = new QKeychain::DeletePasswordJob(kService, this);
        job->setKey(m_key);
        job->setAutoDelete(true);
        job->start();
    }
#endif
    m_where = Where::Nowhere;
}

} // namespace Relais::Sync

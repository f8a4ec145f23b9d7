#pragma once
// Where a desk keeps its server token between runs: the system keychain through QtKeychain
// (Secret Service on Linux, Credential Manager on Windows) or, where no keychain answers, a file in
// the user's data folder that only the user can read. Never the password.

#include <QByteArray>
#include <QObject>
#include <QString>

namespace Relais::Sync {

class Credentials final : public QObject
{
    Q_OBJECT
public:
    enum class Where { Nowhere, Keychain, File };

    // `key` names the entry: the desk id, so that two desks of one user do not share a token.
    explicit Credentials(QString key, QObject *parent = nullptr);

    // Asynchronous (a keychain may ask the user to unlock it): loaded() follows.
    void load();
    void save(const QByteArray &token);
    void forget();
    Where where() const { return m_where; }
    QString whereText() const; // a sentence for the clerk: where the session is kept
    // The fallback file (tests, support).
    QString filePath() const;
    // Tests and machines without a keychain service: straight to the file.
    void setKeychainEnabled(bool on) { m_keychain = on; }

Q_SIGNALS:
    void loaded(const QByteArray &token);

private:
    bool writeFile(const QByteArray &token);
    QByteArray readFile() const;

    QString m_key;
    Where m_where = Where::Nowhere;
    bool m_keychain = true;
};

} // namespace Relais::Sync

#pragma once
// Drives real relais-server processes for the server suites: fresh databases (an SQLite file, or a
// new database on the throwaway PostgreSQL named by RELAIS_TEST_PG_URL, which
// tests/server/run-with-postgres.sh sets), the CLI, `serve` on a free loopback port, and a small
// synchronous HTTP client. Only 127.0.0.1 is ever contacted.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>

#include <memory>

namespace Relais::Test {

// The relais-server binary under test (a compile definition of the suite).
QString serverBinary();
// True when the suite runs against PostgreSQL.
bool usingPostgres();
// A new empty database: "sqlite:/tmp/.../NAME.sqlite" or "postgresql://.../NAME". Empty on failure.
QString freshDatabaseUrl(const QString &name);

// PostgreSQL only: ends every other session on the database of `dbUrl` (as a restart would), so that
// the servers must reconnect. False on SQLite or failure.
bool terminateConnections(const QString &dbUrl);

// Statements run directly on a suite's database (SQLite file or PostgreSQL), outside any server:
// to age a schema, or to count rows. False (or an invalid value) on failure.
bool execSql(const QString &dbUrl, const QStringList &statements);
QVariant sqlValue(const QString &dbUrl, const QString &sql);

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};
CliResult runCli(const QStringList &args, int timeoutMs = 60000);

// `relais-server --db URL serve --listen 127.0.0.1:0 EXTRA...`; the port is read from its
// "listening on" line. Stopped (SIGTERM, then kill) when destroyed.
// The text of a server backup file: its zstd frames decompressed (format 2), or the file as it is
// (format 1, uncompressed); empty when it cannot be read or a frame is damaged.
QByteArray backupText(const QString &path);
QByteArray backupText(const QByteArray &file);

class ServerProcess
{
public:
    ServerProcess() = default;
    ~ServerProcess();
    bool start(const QString &dbUrl, const QStringList &extra = {});
    void stop();
    // SIGKILL, as a power cut or an OOM kill would: no clean shutdown.
    void kill();
    quint16 port() const { return m_port; }
    qint64 pid() const;
    // The process's resident memory (VmRSS) in KiB, -1 if unknown.
    qint64 residentKiB() const;
    QString baseUrl() const;
    QString stderrText();

private:
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QByteArray m_err;
};

struct Response
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray header(const QByteArray &name) const;
    QString code() const { return json.value(QStringLiteral("code")).toString(); }
};

class Http
{
public:
    explicit Http(QString baseUrl) : m_base(std::move(baseUrl)) {}
    Response get(const QString &path, const QByteArray &token = {});
    Response post(const QString &path, const QByteArray &body, const QByteArray &token = {});
    Response postJson(const QString &path, const QJsonObject &body, const QByteArray &token = {});
    Response send(const QByteArray &method, const QString &path, const QByteArray &body,
                  const QList<QPair<QByteArray, QByteArray>> &headers);
    // POST login; returns the token or an empty array.
    QByteArray login(const QString &user, const QString &password);

private:
    QString m_base;
    QNetworkAccessManager m_nam;
};

} // namespace Relais::Test

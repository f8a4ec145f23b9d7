#include "serverharness.h"

#include <zstd.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUrl>
#include <QUuid>

namespace Relais::Test {

QByteArray backupText(const QByteArray &file)
{
    if (!file.startsWith("\x28\xb5\x2f\xfd")) // not zstd's magic number: format 1, the text itself
        return file;
    QByteArray text;
    ZSTD_DCtx *d = ZSTD_createDCtx();
    ZSTD_inBuffer in{file.constData(), size_t(file.size()), 0};
    QByteArray chunk(qsizetype(ZSTD_DStreamOutSize()), Qt::Uninitialized);
    while (in.pos < in.size) {
        ZSTD_outBuffer out{chunk.data(), size_t(chunk.size()), 0};
        if (ZSTD_isError(ZSTD_decompressStream(d, &out, &in))) {
            text.clear();
            break;
        }
        text.append(chunk.constData(), qsizetype(out.pos));
    }
    ZSTD_freeDCtx(d);
    return text;
}

QByteArray backupText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? backupText(f.readAll()) : QByteArray();
}

QString serverBinary()
{
    // A copy elsewhere, so that a long run is not disturbed by a rebuild of the tree's binary.
    const QString copy = qEnvironmentVariable("RELAIS_TEST_SERVER_BINARY");
    return copy.isEmpty() ? QStringLiteral(RELAIS_SERVER_BINARY) : copy;
}

bool usingPostgres()
{
    return !qEnvironmentVariableIsEmpty("RELAIS_TEST_PG_URL");
}

namespace {
QTemporaryDir &tempDir()
{
    static QTemporaryDir dir;
    return dir;
}
} // namespace

QString freshDatabaseUrl(const QString &name)
{
    if (!usingPostgres())
        return QStringLiteral("sqlite:") + tempDir().filePath(name + QStringLiteral(".sqlite"));
    // RELAIS_TEST_PG_URL is postgresql://USER@127.0.0.1:PORT (no database).
    const QString base = qEnvironmentVariable("RELAIS_TEST_PG_URL");
    const QUrl url(base);
    const QString connection = QStringLiteral("harness-")
                               + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setDatabaseName(QStringLiteral("postgres"));
        if (db.open()) {
            QSqlQuery q(db);
            const QString dbName = name.toLower();
            if (q.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + dbName)
                && q.exec(QStringLiteral("CREATE DATABASE ") + dbName))
                result = base + u'/' + dbName;
            else
                qWarning() << "cannot create database" << dbName << q.lastError().text();
            db.close();
        } else {
            qWarning() << "cannot connect to PostgreSQL:" << db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

bool terminateConnections(const QString &dbUrl)
{
    if (!dbUrl.startsWith(QLatin1StringView("postgres")))
        return false;
    const QUrl url(dbUrl);
    const QString connection = QStringLiteral("harness-")
                               + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setDatabaseName(url.path().mid(1));
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(QStringLiteral(
                     "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
                 && q.next() && q.value(0).toInt() > 0;
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

namespace {
QSqlDatabase openDirect(const QString &dbUrl, const QString &connection)
{
    if (dbUrl.startsWith(QLatin1StringView("sqlite:"))) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(dbUrl.mid(7));
        db.open();
        return db;
    }
    const QUrl url(dbUrl);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setUserName(url.userName());
    db.setDatabaseName(url.path().mid(1));
    db.open();
    return db;
}
} // namespace

bool execSql(const QString &dbUrl, const QStringList &statements)
{
    const QString connection = QStringLiteral("harness-")
                               + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = true;
    {
        QSqlDatabase db = openDirect(dbUrl, connection);
        ok = db.isOpen();
        QSqlQuery q(db);
        for (const QString &sql : statements)
            if (ok && !q.exec(sql)) {
                qWarning() << sql << q.lastError().text();
                ok = false;
            }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

QVariant sqlValue(const QString &dbUrl, const QString &sql)
{
    const QString connection = QStringLiteral("harness-")
                               + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVariant v;
    {
        QSqlDatabase db = openDirect(dbUrl, connection);
        QSqlQuery q(db);
        if (db.isOpen() && q.exec(sql) && q.next())
            v = q.value(0);
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return v;
}

qint64 ServerProcess::pid() const
{
    return m_process ? m_process->processId() : -1;
}

qint64 ServerProcess::residentKiB() const
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid()));
    if (pid() <= 0 || !status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

CliResult runCli(const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.start(serverBinary(), args);
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start(const QString &dbUrl, const QStringList &extra)
{
    m_process = std::make_unique<QProcess>();
    QStringList args{QStringLiteral("--db"), dbUrl, QStringLiteral("serve"),
                     QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")};
    args << extra;
    m_process->start(serverBinary(), args);
    if (!m_process->waitForStarted(10000))
        return false;
    QDeadlineTimer deadline(20000);
    QByteArray out;
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(200) && m_process->state() != QProcess::Running)
            break;
        out += m_process->readAllStandardOutput();
        const qsizetype at = out.indexOf("listening on ");
        const qsizetype eol = out.indexOf('\n', at);
        if (at >= 0 && eol > at) {
            const QByteArray line = out.mid(at, eol - at).trimmed();
            m_port = quint16(line.mid(line.lastIndexOf(':') + 1).toUInt());
            return m_port != 0;
        }
    }
    m_err += m_process->readAllStandardError();
    qWarning() << "server did not start:" << m_err;
    return false;
}

void ServerProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished();
        }
    }
    m_err += m_process->readAllStandardError();
    m_process.reset();
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished();
    m_err += m_process->readAllStandardError();
    m_process.reset();
}

QString ServerProcess::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QString ServerProcess::stderrText()
{
    if (m_process)
        m_err += m_process->readAllStandardError();
    return QString::fromUtf8(m_err);
}

QByteArray Response::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

Response Http::send(const QByteArray &method, const QString &path, const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest req(QUrl(m_base + path));
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (const auto &[k, v] : headers)
        req.setRawHeader(k, v);
    if (!body.isEmpty() && !req.hasRawHeader("Content-Type"))
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_nam.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    Response r;
    if (!reply->isFinished()) {
        reply->abort();
        reply->deleteLater();
        return r;
    }
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.contentType = reply->rawHeader("Content-Type");
    r.headers = reply->rawHeaderPairs();
    r.json = QJsonDocument::fromJson(r.body).object();
    reply->deleteLater();
    return r;
}

Response Http::get(const QString &path, const QByteArray &token)
{
    QList<QPair<QByteArray, QByteArray>> h;
    if (!token.isEmpty())
        h << qMakePair(QByteArray("Authorization"), QByteArray("Bearer ") + token);
    return send("GET", path, {}, h);
}

Response Http::post(const QString &path, const QByteArray &body, const QByteArray &token)
{
    QList<QPair<QByteArray, QByteArray>> h;
    if (!token.isEmpty())
        h << qMakePair(QByteArray("Authorization"), QByteArray("Bearer ") + token);
    return send("POST", path, body, h);
}

Response Http::postJson(const QString &path, const QJsonObject &body, const QByteArray &token)
{
    return post(path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

QByteArray Http::login(const QString &user, const QString &password)
{
    const Response r = postJson(QStringLiteral("/api/v1/login"),
                                {{QStringLiteral("username"), user},
                                 {QStringLiteral("password"), password}});
    return r.status == 200 ? r.json.value(QStringLiteral("token")).toString().toLatin1()
                           : QByteArray();
}

} // namespace Relais::Test

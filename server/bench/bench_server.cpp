// bench_server: how fast relais-server takes pushes and hands out pulls and snapshots, on SQLite or
// PostgreSQL, next to a plain INSERT loop through QtSql on the same engine (the floor the server
// stands on). Drives a real relais-server process over HTTP on 127.0.0.1.
//
//   bench_server --db sqlite:/tmp/bench.sqlite [--ops 20000] [--batch 500] [--pull-limit 5000]
//                [--client qnam|raw]   (raw: see RawClient below)
//   tests/server/run-with-postgres.sh bench_server --pg-from-env [--ops 20000] [--batch 500]
// (--pg-from-env creates the database relais_bench on the server named by RELAIS_TEST_PG_URL.)

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUrl>
#include <QUuid>

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

[[noreturn]] void die(const QString &why)
{
    QTextStream(stderr) << "bench_server: " << why << Qt::endl;
    std::exit(1);
}

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

int cli(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QStringLiteral(RELAIS_SERVER_BINARY), args);
    p.waitForFinished(120000);
    return p.exitCode();
}

struct Reply
{
    int status = 0;
    QByteArray body;
};

Reply send(QNetworkAccessManager &nam, const QByteArray &method, const QString &url,
           const QByteArray &body, const QByteArray &token)
{
    QNetworkRequest req{QUrl(url)};
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!token.isEmpty())
        req.setRawHeader("Authorization", QByteArray("Bearer ") + token);
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *r = nam.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QObject::connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply out{r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), r->readAll()};
    r->deleteLater();
    return out;
}

// The other client: HTTP/1.1 over one kept-alive QTcpSocket with TCP_NODELAY, each request (line,
// headers and body) handed to the kernel in one write. QNetworkAccessManager never sets TCP_NODELAY
// and writes a body in pieces of 16 KiB; with Nagle's algorithm each piece after the first waits for
// the server's ACK of the previous one, which a Linux receiver delays up to 40 ms.
class RawClient
{
public:
    explicit RawClient(const QUrl &base) : m_base(base) {}
    Reply send(const QByteArray &method, const QString &url, const QByteArray &body,
               const QByteArray &token)
    {
        if (m_socket.state() != QAbstractSocket::ConnectedState) {
            m_socket.connectToHost(m_base.host(), quint16(m_base.port()));
            if (!m_socket.waitForConnected(10000))
                die(QStringLiteral("cannot connect: ") + m_socket.errorString());
            m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        }
        const QUrl u(url);
        QByteArray req = method + ' ' + u.path(QUrl::FullyEncoded).toLatin1();
        if (u.hasQuery())
            req += '?' + u.query(QUrl::FullyEncoded).toLatin1();
        req += " HTTP/1.1\r\nHost: " + m_base.host().toLatin1() + "\r\nConnection: keep-alive\r\n";
        if (!token.isEmpty())
            req += "Authorization: Bearer " + token + "\r\n";
        if (!body.isEmpty())
            req += "Content-Type: application/json\r\n";
        req += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        m_socket.write(req);
        Reply out;
        QByteArray head;
        while (!head.endsWith("\r\n\r\n")) {
            if (!m_socket.bytesAvailable() && !m_socket.waitForReadyRead(60000))
                die(QStringLiteral("no answer: ") + m_socket.errorString());
            char c;
            m_socket.getChar(&c);
            head += c;
        }
        out.status = head.mid(9, 3).toInt();
        qint64 length = 0;
        for (const QByteArray &line : head.split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        while (out.body.size() < length) {
            if (!m_socket.bytesAvailable() && !m_socket.waitForReadyRead(60000))
                die(QStringLiteral("answer cut short: ") + m_socket.errorString());
            out.body += m_socket.read(length - out.body.size());
        }
        return out;
    }

private:
    QUrl m_base;
    QTcpSocket m_socket;
};

QSqlDatabase openDirect(const QString &url)
{
    if (url.startsWith(QLatin1StringView("sqlite:"))) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("plain"));
        db.setDatabaseName(url.mid(7));
        if (!db.open())
            die(db.lastError().text());
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous = FULL"));
        return db;
    }
    const QUrl u(url);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("plain"));
    db.setHostName(u.host());
    db.setPort(u.port(5432));
    db.setUserName(u.userName());
    db.setDatabaseName(u.path().mid(1));
    if (!db.open())
        die(db.lastError().text());
    return db;
}

// The floor: N rows of about a subscriber's size, one prepared INSERT, one transaction per batch.
double plainInserts(const QString &url, int n, int batch)
{
    QSqlDatabase db = openDirect(url);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "CREATE TABLE bench_plain (id TEXT PRIMARY KEY, number BIGINT NOT NULL, "
            "last_name TEXT NOT NULL, line4 TEXT NOT NULL, postal_code TEXT NOT NULL, "
            "city TEXT NOT NULL, notes TEXT NOT NULL)")))
        die(q.lastError().text());
    q.prepare(QStringLiteral("INSERT INTO bench_plain VALUES (?, ?, ?, ?, ?, ?, ?)"));
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < n; i += batch) {
        db.transaction();
        for (int j = i; j < qMin(n, i + batch); ++j) {
            q.bindValue(0, uuid());
            q.bindValue(1, j + 1);
            q.bindValue(2, QStringLiteral("Martin"));
            q.bindValue(3, QStringLiteral("12 RUE DE LA PAIX"));
            q.bindValue(4, QStringLiteral("75002"));
            q.bindValue(5, QStringLiteral("PARIS"));
            q.bindValue(6, QStringLiteral(""));
            if (!q.exec())
                die(q.lastError().text());
        }
        if (!db.commit())
            die(db.lastError().text());
    }
    const double rate = n * 1000.0 / double(qMax<qint64>(1, t.elapsed()));
    q.finish();
    db.close();
    return rate;
}

QJsonObject subscriberRow(qint64 number)
{
    return {{QStringLiteral("number"), number},
            {QStringLiteral("publisher_id"), uuid()},
            {QStringLiteral("civility"), QStringLiteral("Mme")},
            {QStringLiteral("first_name"), QStringLiteral("Anne")},
            {QStringLiteral("last_name"), QStringLiteral("Martin")},
            {QStringLiteral("line4"), QStringLiteral("12 RUE DE LA PAIX")},
            {QStringLiteral("postal_code"), QStringLiteral("75002")},
            {QStringLiteral("city"), QStringLiteral("PARIS")},
            {QStringLiteral("email"), QStringLiteral("anne.martin@example.org")},
            {QStringLiteral("sort_key"), QStringLiteral("martin anne")}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments();
    QString url;
    int ops = 20000;
    int batch = 500;
    int pullLimit = 5000;
    bool rawClient =
        false; // --client raw: see RawClient; default: QNetworkAccessManager, as the desk
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--db" && i + 1 < args.size())
            url = args.at(++i);
        else if (a == u"--ops" && i + 1 < args.size())
            ops = args.at(++i).toInt();
        else if (a == u"--batch" && i + 1 < args.size())
            batch = args.at(++i).toInt();
        else if (a == u"--pg-from-env")
            url = QStringLiteral("pg-from-env");
        else if (a == u"--pull-limit" && i + 1 < args.size())
            pullLimit = args.at(++i).toInt();
        else if (a == u"--client" && i + 1 < args.size())
            rawClient = args.at(++i) == u"raw";
        else
            die(QStringLiteral("usage: bench_server --db URL | --pg-from-env [--ops N] [--batch B] "
                               "[--pull-limit N] [--client qnam|raw]"));
    }
    if (url.isEmpty() || ops < 2 || batch < 1 || batch > 1000 || pullLimit < 1 || pullLimit > 5000)
        die(QStringLiteral("usage: bench_server --db URL | --pg-from-env [--ops N] [--batch B "
                           "(1..1000)] [--pull-limit N] [--client qnam|raw]"));
    QTemporaryDir dir;
    if (url == u"pg-from-env") {
        const QString base = qEnvironmentVariable("RELAIS_TEST_PG_URL");
        if (base.isEmpty())
            die(QStringLiteral(
                "RELAIS_TEST_PG_URL is not set (run through tests/server/run-with-postgres.sh)"));
        {
            const QUrl u(base);
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"),
                                                        QStringLiteral("admin"));
            db.setHostName(u.host());
            db.setPort(u.port(5432));
            db.setUserName(u.userName());
            db.setDatabaseName(QStringLiteral("postgres"));
            if (!db.open())
                die(db.lastError().text());
            QSqlQuery q(db);
            q.exec(QStringLiteral("DROP DATABASE IF EXISTS relais_bench"));
            if (!q.exec(QStringLiteral("CREATE DATABASE relais_bench")))
                die(q.lastError().text());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("admin"));
        url = base + QStringLiteral("/relais_bench");
    }
    const QString engine = url.startsWith(QLatin1StringView("sqlite:"))
                               ? QStringLiteral("SQLite")
                               : QStringLiteral("PostgreSQL");

    const QString pw = dir.filePath(QStringLiteral("pw"));
    QFile f(pw);
    if (!f.open(QIODevice::WriteOnly))
        die(f.errorString());
    f.write("bench password 12345\n");
    f.close();
    const QStringList db{QStringLiteral("--db"), url};
    if (cli(db + QStringList{QStringLiteral("init")}) != 0
        || cli(db
               + QStringList{QStringLiteral("publisher"), QStringLiteral("add"),
                             QStringLiteral("BENCH"), QStringLiteral("--name"),
                             QStringLiteral("Bench")})
               != 0
        || cli(db
               + QStringList{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bench"),
                             QStringLiteral("--role"), QStringLiteral("clerk"),
                             QStringLiteral("--publisher"), QStringLiteral("BENCH"),
                             QStringLiteral("--password-file"), pw})
               != 0)
        die(QStringLiteral("setting up the database failed"));

    const double plain = plainInserts(url, ops, batch);

    QProcess server;
    server.setProcessChannelMode(QProcess::SeparateChannels);
    const QString serverLog = dir.filePath(QStringLiteral("server.log"));
    server.setStandardErrorFile(serverLog);
    server.start(QStringLiteral(RELAIS_SERVER_BINARY),
                 db
                     + QStringList{QStringLiteral("serve"), QStringLiteral("--listen"),
                                   QStringLiteral("127.0.0.1:0")});
    if (!server.waitForStarted() || !server.waitForReadyRead(20000))
        die(QStringLiteral("relais-server did not start"));
    const QByteArray line = server.readLine().trimmed();
    const QString base = QStringLiteral("http://127.0.0.1:")
                         + QString::fromLatin1(line.mid(line.lastIndexOf(':') + 1));
    QNetworkAccessManager nam;
    RawClient raw{QUrl(base)};
    const auto call = [&](QNetworkAccessManager &m, const QByteArray &method, const QString &where,
                          const QByteArray &body, const QByteArray &token) {
        return rawClient ? raw.send(method, where, body, token)
                         : send(m, method, where, body, token);
    };
    const Reply login = call(nam, "POST", base + QStringLiteral("/api/v1/login"),
                             R"({"username":"bench","password":"bench password 12345"})", {});
    const QByteArray token = QJsonDocument::fromJson(login.body)
                                 .object()
                                 .value(QStringLiteral("token"))
                                 .toString()
                                 .toLatin1();
    if (token.isEmpty())
        die(QStringLiteral("login failed"));

    // Push: half creates, then updates of those subscribers' notes (with their base values). The
    // bodies are built before the clock starts: encoding them is the desk's work, not the server's.
    const QString desk = uuid();
    QStringList ids;
    qint64 seq = 0;
    QList<QByteArray> bodies;
    while (seq < ops) {
        QJsonArray batchOps;
        for (int i = 0; i < batch && seq < ops; ++i) {
            ++seq;
            QJsonObject op{{QStringLiteral("seq"), seq},
                           {QStringLiteral("op_id"), uuid()},
                           {QStringLiteral("clerk"), QStringLiteral("bench")},
                           {QStringLiteral("at"), QStringLiteral("2026-03-01T09:30:00.000Z")},
                           {QStringLiteral("schema_version"), 3}};
            if (seq <= ops / 2) {
                ids << uuid();
                op.insert(QStringLiteral("operation"), QStringLiteral("subscriber.create"));
                op.insert(QStringLiteral("entity"), QStringLiteral("subscriber"));
                op.insert(QStringLiteral("entity_id"), ids.last());
                op.insert(QStringLiteral("fields"), subscriberRow(seq));
                op.insert(QStringLiteral("base"), QJsonObject());
            } else {
                op.insert(QStringLiteral("operation"), QStringLiteral("subscriber.update"));
                op.insert(QStringLiteral("entity"), QStringLiteral("subscriber"));
                op.insert(QStringLiteral("entity_id"), ids.at(int(seq - ops / 2 - 1)));
                op.insert(QStringLiteral("fields"),
                          QJsonObject{{QStringLiteral("notes"), QStringLiteral("relancé")}});
                op.insert(QStringLiteral("base"),
                          QJsonObject{{QStringLiteral("notes"), QStringLiteral("")}});
            }
            batchOps.append(op);
        }
        bodies << QJsonDocument(QJsonObject{{QStringLiteral("desk_id"), desk},
                                            {QStringLiteral("ops"), batchOps}})
                      .toJson(QJsonDocument::Compact);
    }
    QElapsedTimer t;
    t.start();
    for (const QByteArray &body : bodies) {
        const Reply r = call(nam, "POST", base + QStringLiteral("/api/v1/sync/push"), body, token);
        if (r.status != 200)
            die(QStringLiteral("push failed: %1 %2")
                    .arg(r.status)
                    .arg(QString::fromUtf8(r.body.left(500))));
        if (r.body.contains("\"rejected\"") || r.body.contains("\"conflict\""))
            die(QStringLiteral("an operation was not applied: ")
                + QString::fromUtf8(r.body.left(500)));
    }
    const double pushRate = ops * 1000.0 / double(qMax<qint64>(1, t.elapsed()));

    // Pull everything from 0, in pages of 5,000 (--pull-limit).
    t.restart();
    qint64 pulled = 0;
    qint64 since = 0;
    for (;;) {
        const Reply r = call(nam, "GET",
                             base
                                 + QStringLiteral("/api/v1/sync/pull?since=%1&limit=%2")
                                       .arg(since)
                                       .arg(pullLimit),
                             {}, token);
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        pulled += o.value(QStringLiteral("changes")).toArray().size();
        since = o.value(QStringLiteral("next")).toInteger();
        if (!o.value(QStringLiteral("more")).toBool())
            break;
    }
    const double pullRate = pulled * 1000.0 / double(qMax<qint64>(1, t.elapsed()));

    // Snapshot of the subscriber table, in pages of 20,000.
    t.restart();
    qint64 rows = 0;
    QString after;
    for (;;) {
        const Reply r = call(nam, "GET",
                             base
                                 + QStringLiteral(
                                     "/api/v1/sync/snapshot?table=subscriber&limit=20000")
                                 + (after.isEmpty() ? QString()
                                                    : QStringLiteral("&after=") + after),
                             {}, token);
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        rows += o.value(QStringLiteral("rows")).toArray().size();
        const QJsonObject next = o.value(QStringLiteral("next")).toObject();
        if (next.value(QStringLiteral("table")).toString() != u"subscriber")
            break;
        after = next.value(QStringLiteral("after")).toString();
    }
    const double snapRate = rows * 1000.0 / double(qMax<qint64>(1, t.elapsed()));
    server.terminate();
    server.waitForFinished();

    // Time spent inside relais-server on the pushes (from its request log), apart from the client's
    // own JSON work and the HTTP transfer.
    double serverMs = 0;
    QFile log(serverLog);
    if (log.open(QIODevice::ReadOnly)) {
        while (!log.atEnd()) {
            const QByteArray l = log.readLine();
            if (!l.contains("route=\"POST /api/v1/sync/push\""))
                continue;
            const qsizetype at = l.indexOf(" ms=");
            serverMs += l.mid(at + 4, l.indexOf(' ', at + 4) - at - 4).toDouble();
        }
    }
    const double serverPushRate = ops * 1000.0 / qMax(1.0, serverMs);

    out() << "| " << engine << (rawClient ? " (raw client)" : "") << " | " << ops << " | " << batch
          << " | " << qRound(plain) << " | " << qRound(pushRate) << " | " << qRound(serverPushRate)
          << " | " << pulled << " | " << qRound(pullRate) << " | " << rows << " | "
          << qRound(snapRate) << " |" << Qt::endl;
    return 0;
}

// bench_login_flood: how long a desk's push takes while logins arrive at a steady rate. Each login
// costs an Argon2id check (interactive limits); relais-server runs them on worker threads
// (--password-threads, default 1) so that the other desks' requests do not wait behind them. Run
// with --password-threads 0 for the old behaviour (checks on the main thread) to compare.
//
//   bench_login_flood [--db sqlite:/tmp/flood.sqlite] [--pushes 300] [--rate 20] [--password-threads N]
//
// Prints p50, p95 and max push latency without logins, then with `rate` logins a second. Not a
// test: no timing assertions. Results in docs/server-benchmarks.md.

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
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace {

[[noreturn]] void die(const QString &why)
{
    QTextStream(stderr) << "bench_login_flood: " << why << Qt::endl;
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

QNetworkRequest request(const QString &url, const QByteArray &token)
{
    QNetworkRequest req{QUrl(url)};
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    if (!token.isEmpty())
        req.setRawHeader("Authorization", QByteArray("Bearer ") + token);
    return req;
}

std::pair<int, QByteArray> post(QNetworkAccessManager &nam, const QString &url,
                                const QByteArray &body, const QByteArray &token = {})
{
    QNetworkReply *r = nam.post(request(url, token), body);
    QEventLoop loop;
    QObject::connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray bytes = r->readAll();
    r->deleteLater();
    return {status, bytes};
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t i = std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QString url;
    int pushes = 300;
    int rate = 20;
    QString threads;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--db" && i + 1 < args.size())
            url = args.at(++i);
        else if (a == u"--pushes" && i + 1 < args.size())
            pushes = args.at(++i).toInt();
        else if (a == u"--rate" && i + 1 < args.size())
            rate = args.at(++i).toInt();
        else if (a == u"--password-threads" && i + 1 < args.size())
            threads = args.at(++i);
        else
            die(QStringLiteral(
                "usage: bench_login_flood [--db URL] [--pushes N] [--rate LOGINS_PER_SECOND] "
                "[--password-threads N]"));
    }
    if (pushes < 10 || rate < 1 || rate > 1000)
        die(QStringLiteral("--pushes 10 or more, --rate 1..1000"));
    QTemporaryDir dir;
    if (url.isEmpty())
        url = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("flood.sqlite"));
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
               != 0)
        die(QStringLiteral("setting up the database failed"));
    for (const char *user : {"desk", "visitor"})
        if (cli(db
                + QStringList{QStringLiteral("user"), QStringLiteral("add"),
                              QString::fromLatin1(user), QStringLiteral("--role"),
                              QStringLiteral("clerk"), QStringLiteral("--publisher"),
                              QStringLiteral("BENCH"), QStringLiteral("--password-file"), pw})
            != 0)
            die(QStringLiteral("adding users failed"));

    QProcess server;
    server.setStandardErrorFile(dir.filePath(QStringLiteral("server.log")));
    QStringList serve = db
                        + QStringList{QStringLiteral("serve"), QStringLiteral("--listen"),
                                      QStringLiteral("127.0.0.1:0")};
    if (!threads.isEmpty())
        serve << QStringLiteral("--password-threads") << threads;
    server.start(QStringLiteral(RELAIS_SERVER_BINARY), serve);
    if (!server.waitForStarted() || !server.waitForReadyRead(20000))
        die(QStringLiteral("relais-server did not start"));
    const QByteArray line = server.readLine().trimmed();
    const QString base = QStringLiteral("http://127.0.0.1:")
                         + QString::fromLatin1(line.mid(line.lastIndexOf(':') + 1));
    const QByteArray credentials = R"({"username":"desk","password":"bench password 12345"})";
    const QByteArray visitor = R"({"username":"visitor","password":"bench password 12345"})";

    QNetworkAccessManager deskNam;
    const auto [loginStatus, loginBody] = post(deskNam, base + QStringLiteral("/api/v1/login"),
                                               credentials);
    const QByteArray token = QJsonDocument::fromJson(loginBody)
                                 .object()
                                 .value(QStringLiteral("token"))
                                 .toString()
                                 .toLatin1();
    if (loginStatus != 200 || token.isEmpty())
        die(QStringLiteral("login failed"));

    // A desk pushing one new subscriber at a time, each push waited for.
    const QString desk = uuid();
    qint64 seq = 0;
    const auto onePush = [&]() {
        ++seq;
        QJsonObject fields{{QStringLiteral("number"), seq},
                           {QStringLiteral("publisher_id"), uuid()},
                           {QStringLiteral("last_name"), QStringLiteral("Flood")},
                           {QStringLiteral("first_name"), QStringLiteral("Anne")},
                           {QStringLiteral("line4"), QStringLiteral("1 RUE DU PORT")},
                           {QStringLiteral("postal_code"), QStringLiteral("29200")},
                           {QStringLiteral("city"), QStringLiteral("BREST")},
                           {QStringLiteral("sort_key"), QStringLiteral("flood anne")}};
        const QJsonObject op{{QStringLiteral("seq"), seq},
                             {QStringLiteral("op_id"), uuid()},
                             {QStringLiteral("operation"), QStringLiteral("subscriber.create")},
                             {QStringLiteral("entity"), QStringLiteral("subscriber")},
                             {QStringLiteral("entity_id"), uuid()},
                             {QStringLiteral("fields"), fields},
                             {QStringLiteral("base"), QJsonObject()},
                             {QStringLiteral("clerk"), QStringLiteral("bench")},
                             {QStringLiteral("at"), QStringLiteral("2026-03-02T09:14:03.120Z")},
                             {QStringLiteral("schema_version"), 3}};
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("desk_id"), desk},
                                                          {QStringLiteral("ops"), QJsonArray{op}}})
                                    .toJson(QJsonDocument::Compact);
        QElapsedTimer t;
        t.start();
        const auto [status, bytes] = post(deskNam, base + QStringLiteral("/api/v1/sync/push"), body,
                                          token);
        if (status != 200)
            die(QStringLiteral("push failed: %1 %2").arg(status).arg(QString::fromUtf8(bytes)));
        return double(t.nsecsElapsed()) / 1e6;
    };

    // Logins of another user at a steady rate, each on its own connection as a desk starting up.
    QNetworkAccessManager floodNam;
    int loginsSent = 0, loginsOk = 0, loginsOther = 0;
    std::vector<double> loginMs;
    QTimer flood;
    flood.setInterval(1000 / rate);
    QObject::connect(&flood, &QTimer::timeout, [&] {
        ++loginsSent;
        auto *t = new QElapsedTimer;
        t->start();
        QNetworkRequest req = request(base + QStringLiteral("/api/v1/login"), {});
        req.setRawHeader("Connection", "close");
        QNetworkReply *r = floodNam.post(req, visitor);
        QObject::connect(r, &QNetworkReply::finished, [&, r, t] {
            const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            (status == 200 ? loginsOk : loginsOther)++;
            loginMs.push_back(double(t->nsecsElapsed()) / 1e6);
            delete t;
            r->deleteLater();
        });
    });

    QTextStream out(stdout);
    const auto measure = [&](const char *label) {
        std::vector<double> ms;
        ms.reserve(pushes);
        QElapsedTimer wall;
        wall.start();
        for (int i = 0; i < pushes; ++i)
            ms.push_back(onePush());
        out << label << ": " << pushes << " pushes in " << wall.elapsed() << " ms; push p50 "
            << QString::number(percentile(ms, 0.5), 'f', 1) << " ms, p95 "
            << QString::number(percentile(ms, 0.95), 'f', 1) << " ms, max "
            << QString::number(percentile(ms, 1.0), 'f', 1) << " ms" << Qt::endl;
    };
    for (int i = 0; i < 20; ++i)
        onePush(); // warm-up
    measure("no logins");
    flood.start();
    QEventLoop settle;
    QTimer::singleShot(1000, &settle, &QEventLoop::quit);
    settle.exec();
    measure(qPrintable(QStringLiteral("%1 logins/s").arg(rate)));
    flood.stop();
    QEventLoop drain;
    QTimer::singleShot(3000, &drain, &QEventLoop::quit);
    drain.exec();
    out << "logins: " << loginsSent << " sent, " << loginsOk << " answered 200, " << loginsOther
        << " other (429/503/none yet); login p50 "
        << QString::number(percentile(loginMs, 0.5), 'f', 1) << " ms, p95 "
        << QString::number(percentile(loginMs, 0.95), 'f', 1) << " ms" << Qt::endl;
    server.terminate();
    server.waitForFinished(5000);
    return 0;
}

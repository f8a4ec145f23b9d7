#include "syncfixture.h"

#include "serverharness.h"
#include "syncchecksums.h"

#include <QDebug>
#include <QJsonArray>

#include <QSignalSpy>
#include <algorithm>

namespace Relais::Test {

bool SyncServer::make(const QString &name, const QString &passwordFile, const QString &password,
                      const QStringList &serveArgs)
{
    stop();
    db = freshDatabaseUrl(name);
    if (db.isEmpty())
        return false;
    const auto cli = [this](const QStringList &rest) {
        const CliResult r = runCli(QStringList{QStringLiteral("--db"), db} + rest);
        if (r.exitCode != 0)
            qWarning() << rest << r.err;
        return r.exitCode == 0;
    };
    if (!cli({QStringLiteral("init")})
        || !cli({QStringLiteral("publisher"), QStringLiteral("add"), QStringLiteral("OUEST"),
                 QStringLiteral("--name"), QStringLiteral("Ouest")}))
        return false;
    for (const auto &[user, role] : {std::pair{"clerk", "clerk"}, std::pair{"super", "supervisor"}})
        if (!cli({QStringLiteral("user"), QStringLiteral("add"), QString::fromLatin1(user),
                  QStringLiteral("--role"), QString::fromLatin1(role),
                  QStringLiteral("--publisher"), QStringLiteral("OUEST"),
                  QStringLiteral("--password-file"), passwordFile}))
            return false;
    return restart(password, serveArgs);
}

bool SyncServer::restart(const QString &password, const QStringList &serveArgs)
{
    http.reset();
    process.stop();
    if (!process.start(db, serveArgs))
        return false;
    http = std::make_unique<Http>(process.baseUrl());
    supervisor = http->login(QStringLiteral("super"), password);
    return !supervisor.isEmpty();
}

void SyncServer::stop()
{
    http.reset();
    process.stop();
}

Sync::Engine::Tuning fastSyncTuning()
{
    Sync::Engine::Tuning t;
    t.backoffFirstMs = 50;
    t.backoffCapMs = 400;
    t.debounceMs = 30;
    t.watchLocalMs = 50;
    t.pollMs = 10 * 60 * 1000;
    t.requestTimeoutMs = 20000;
    t.stallMs = 30000;
    t.leaseCount = 20000;
    return t;
}

bool loginEngine(Sync::Engine &engine, const QUrl &server, const QString &user,
                 const QString &password, int timeoutMs)
{
    engine.configure(server, user);
    QSignalSpy spy(&engine, &Sync::Engine::loginFinished);
    engine.login(user, password);
    if (spy.isEmpty() && !spy.wait(timeoutMs))
        return false;
    return spy.first().at(0).toBool();
}

Sync::Receipt syncRound(Sync::Engine &engine, int timeoutMs)
{
    QSignalSpy spy(&engine, &Sync::Engine::roundFinished);
    engine.syncNow();
    if (spy.isEmpty() && !spy.wait(timeoutMs)) {
        Sync::Receipt r;
        r.outcome = QStringLiteral("timeout");
        return r;
    }
    return spy.first().at(0).value<Sync::Receipt>();
}

QList<Protocol::TableSum> serverChecksums(Http &http, const QByteArray &token)
{
    const Response r = http.get(QStringLiteral("/api/v1/sync/checksums"), token);
    if (r.status != 200) {
        qWarning() << "sync/checksums:" << r.status << r.body.left(300);
        return {};
    }
    auto a = Protocol::ChecksumsAnswer::fromJson(r.json);
    if (!a) {
        qWarning() << "sync/checksums answer unreadable:" << r.body.left(300);
        return {};
    }
    return a->tables;
}

QString checksumDisagreement(QSqlDatabase deskDb, const QList<Protocol::TableSum> &server)
{
    if (server.isEmpty())
        return QStringLiteral("no checksums from the server");
    auto mine = deskChecksums(deskDb);
    if (!mine)
        return QStringLiteral("desk checksums: ") + mine.error().fullText();
    QStringList diff;
    for (const Protocol::TableSum &m : *mine) {
        bool found = false;
        for (const Protocol::TableSum &s : server) {
            if (s.table != m.table)
                continue;
            found = true;
            if (!(s == m))
                diff << QStringLiteral("%1: desk %2 rows %3, server %4 rows %5")
                            .arg(m.table)
                            .arg(m.rows)
                            .arg(m.sha256.left(12))
                            .arg(s.rows)
                            .arg(s.sha256.left(12));
        }
        if (!found)
            diff << m.table + QStringLiteral(": not on the server");
    }
    return diff.join(QStringLiteral("; "));
}

QList<QJsonObject> serverChanges(Http &http, const QByteArray &token)
{
    QList<QJsonObject> out;
    qint64 since = 0;
    for (int page = 0; page < 10000; ++page) {
        const Response
            r = http.get(QStringLiteral("/api/v1/sync/pull?since=%1&limit=5000").arg(since), token);
        if (r.status != 200) {
            qWarning() << "pull failed:" << r.status << r.body;
            return {};
        }
        for (const QJsonValue &v : r.json.value(QStringLiteral("changes")).toArray())
            out << v.toObject();
        since = r.json.value(QStringLiteral("next")).toInteger();
        if (!r.json.value(QStringLiteral("more")).toBool())
            break;
    }
    return out;
}

QHash<QString, int> changesPerRow(const QList<QJsonObject> &changes)
{
    QHash<QString, int> out;
    for (const QJsonObject &c : changes)
        out[c.value(QStringLiteral("id")).toString()] += 1;
    return out;
}

bool liveInChanges(const QList<QJsonObject> &changes, const QString &id)
{
    bool live = false;
    for (const QJsonObject &c : changes)
        if (c.value(QStringLiteral("id")).toString() == id)
            live = c.value(QStringLiteral("row"))
                       .toObject()
                       .value(QStringLiteral("deleted"))
                       .toInteger()
                   == 0;
    return live;
}

int liveRowsInChanges(const QList<QJsonObject> &changes, const QString &entity)
{
    QHash<QString, bool> live;
    for (const QJsonObject &c : changes)
        if (c.value(QStringLiteral("entity")).toString() == entity)
            live.insert(c.value(QStringLiteral("id")).toString(),
                        c.value(QStringLiteral("row"))
                                .toObject()
                                .value(QStringLiteral("deleted"))
                                .toInteger()
                            == 0);
    return int(std::count(live.cbegin(), live.cend(), true));
}

qint64 serverDeskLastSeq(Http &http, const QByteArray &token, const QString &deskId)
{
    const Response r = http.get(QStringLiteral("/api/v1/sync/pull?since=0&limit=1&desk_id=%1")
                                    .arg(deskId),
                                token);
    return r.json.value(QStringLiteral("desk_last_seq")).toInteger(-1);
}

} // namespace Relais::Test

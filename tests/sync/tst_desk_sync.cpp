// Real desks against real relais-server processes: a desk is a Store on a temporary SQLite file (the
// clerk's business operations fill the outbox through the real write path) and a Sync::Engine on
// the same file, driven in-process; where a desk must die mid-round it is `relaisctl sync` as a
// child process, killed with SIGKILL. A fault proxy (support/faultproxy.h) sits between desk and
// server to lose replies, cut bodies, answer 503, refuse connections, slow the line and hold a
// request or a reply while the desk is killed. Every case ends with the desks and the server
// compared table by table (checksums of models/protocol/checksum.h). Each case is one line of
// /work/shared/SYNC-PITFALLS.md (named in the comments) or one of the engine's promises.
//
// Runs on SQLite, and on PostgreSQL under tests/server/run-with-postgres.sh (tst_desk_sync_postgres).

#include "faultproxy.h"
#include "serverharness.h"
#include "syncfixture.h"

#include "checksum.h"
#include "database.h"
#include "inbound.h"
#include "messages.h"
#include "outbox.h"
#include "search.h"
#include "store.h"
#include "syncchecksums.h"
#include "syncengine.h"
#include "testsupport.h"
#include "writepath.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <csignal>
#include <optional>

using namespace Relais;
using namespace Relais::Test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QStringList dbArgs(const QString &db, const QStringList &rest)
{
    return QStringList{QStringLiteral("--db"), db} + rest;
}

Sync::Engine::Tuning fastTuning()
{
    return fastSyncTuning();
}

Subscriber person(const QString &lastName, const QString &firstName = QStringLiteral("Jean"))
{
    Subscriber s;
    s.civility = QStringLiteral("M.");
    s.firstName = firstName;
    s.lastName = lastName;
    s.address.line4 = QStringLiteral("12 rue de la Paix");
    s.address.postalCode = QStringLiteral("75002");
    s.address.city = QStringLiteral("PARIS");
    return s;
}

// One desk: its file, the clerk's Store and (once connected) its sync engine.
struct Desk
{
    QString path;
    std::optional<Store> store;
    std::unique_ptr<Sync::Engine> engine;
    QByteArray token; // the last one the engine was issued

    Outbox outbox() { return Outbox(store->db()); }
    Subscriber add(const QString &lastName)
    {
        auto r = store->addSubscriber(person(lastName));
        if (!r)
            qFatal("subscriber: %s", qPrintable(r.error().fullText()));
        return *r;
    }
    QString meta(const char *key) { return store->metaValue(QString::fromLatin1(key)); }
    // The rejected operations, for failure messages.
    QString rejections()
    {
        QStringList out;
        for (const QueuedOperation &o : outbox().operations({QStringLiteral("rejected")}))
            out << QStringLiteral("%1 %2 %3: %4")
                       .arg(o.seq)
                       .arg(o.operation, o.resultCode, o.resultMessage);
        return out.join(QStringLiteral("; "));
    }
    qint64 count(const QString &table)
    {
        QSqlQuery q(store->db());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM %1 WHERE deleted = 0").arg(table))
            || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }
};

} // namespace

class TestDeskSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void newDeskBootstrapsAndAgrees();
    void twoDesksEditOffline_data();
    void twoDesksEditOffline();
    void rejectedOperationWaitsForClerk();
    void unreadableOperationSetAsideOnce_data();
    void unreadableOperationSetAsideOnce();
    void parentAndChildInTwoBatches();
    void tenThousandOperationsInOneSync();
    void serverKilledDuringAPush_data();
    void serverKilledDuringAPush();
    void numbersPendingOfflineGetNumbersBeforeSending();
    void numbersBeforeTheFirstLeaseWaitForIt();
    void olderCopyOfADeskGoesOnAsNewDesk_data();
    void olderCopyOfADeskGoesOnAsNewDesk();
    void lostOrBrokenAnswers_data();
    void lostOrBrokenAnswers();
    void serverBusyOnceQueueStillDrains();
    void refusedConnectionsKeepTheQueue();
    void failureWhileRecordingKeepsTheQueue();
    void killedDeskConverges_data();
    void killedDeskConverges();
    void interruptedBootstrapResumes();
    void cursorNeverDecreasesAcrossFlaps();
    void deadTokenOneLogin_data();
    void deadTokenOneLogin();
    void offlineWithDeadToken();
    void serverRestoredFromOlderBackup_data();
    void serverRestoredFromOlderBackup();
    void editDuringPushGoesOutNextRound();
    void changeReachingServerBetweenPullAndPushKept_data();
    void changeReachingServerBetweenPullAndPushKept();
    void firstAndLastNameChangedOnTwoDesks();

private:
    struct Server
    {
        QString db;
        QString backupDir;
        ServerProcess process;
        std::unique_ptr<Http> http;
        QByteArray supervisor;
    };
    // A database with publisher OUEST and users clerk, super, admin; served (extra: serve options).
    bool makeServer(const QString &name, const QStringList &extra = {});
    bool restartServer(const QStringList &extra = {});
    // A new desk file; `catalogue`: one daily title and a 12-month offer, made on this desk.
    std::unique_ptr<Desk> newDesk(bool catalogue);
    // The engine on the desk's file, configured for `url` and logged in as clerk.
    bool connectDesk(Desk &d, const QString &url, const Sync::Engine::Tuning &t = fastTuning());
    // One round (syncNow), or a receipt with outcome "timeout".
    Sync::Receipt round(Desk &d, int timeoutMs = 120000);
    // Desk and server hold the same rows (checksums of every synced table); the reason otherwise.
    QString disagreement(Desk &d);
    QList<Protocol::TableSum> serverSums();
    // Every change of the publisher from the server (pull from 0), entity id -> number of changes.
    QHash<QString, int> serverChangesPerRow();
    // How many changes of the server's log each desk operation should have made: one per acked
    // operation that wrote something (rev > 0), counted per row.
    static QHash<QString, int> expectedChangesPerRow(const QList<Desk *> &desks);
    qint64 serverDeskLastSeq(const QString &deskId);
    // The server's last change of row `id` is not a tombstone.
    bool serverHasLiveRow(const QString &id);
    // Subscribers queued through BulkCreate (one transaction): `n` creates of the write path.
    // Numbers from the desk's leased block (the server refuses others once a desk holds a block).
    void bulkSubscribers(Desk &d, int n, const QString &prefix);
    int runRelaisctl(const QStringList &args, QString *out = nullptr);

    QTemporaryDir m_dir;
    QString m_passwordFile;
    Server m_server;
    int m_serverCount = 0;
};

// ---- fixtures ----------------------------------------------------------------------------------

void TestDeskSync::initTestCase()
{
    QVERIFY2(QFile::exists(serverBinary()), qPrintable(serverBinary()));
    QVERIFY(QFile::exists(QStringLiteral(RELAISCTL_BINARY)));
    QVERIFY(m_dir.isValid());
    m_passwordFile = m_dir.filePath(QStringLiteral("password"));
    QFile f(m_passwordFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kPassword.toUtf8() + "\n");
}

void TestDeskSync::cleanup()
{
    m_server.http.reset();
    m_server.process.stop();
}

bool TestDeskSync::makeServer(const QString &name, const QStringList &extra)
{
    m_server.http.reset();
    m_server.process.stop();
    m_server.db = freshDatabaseUrl(
        QStringLiteral("relais_desk_%1_%2").arg(name).arg(++m_serverCount));
    if (m_server.db.isEmpty())
        return false;
    if (runCli(dbArgs(m_server.db, {QStringLiteral("init")})).exitCode != 0
        || runCli(dbArgs(m_server.db, {QStringLiteral("publisher"), QStringLiteral("add"),
                                       QStringLiteral("OUEST"), QStringLiteral("--name"),
                                       QStringLiteral("Ouest")}))
                   .exitCode
               != 0)
        return false;
    for (const auto &[user, role] : {std::pair{"clerk", "clerk"}, std::pair{"super", "supervisor"},
                                     std::pair{"admin", "admin"}}) {
        const CliResult r = runCli(
            dbArgs(m_server.db,
                   {QStringLiteral("user"), QStringLiteral("add"), QString::fromLatin1(user),
                    QStringLiteral("--role"), QString::fromLatin1(role),
                    QStringLiteral("--publisher"), QStringLiteral("OUEST"),
                    QStringLiteral("--password-file"), m_passwordFile}));
        if (r.exitCode != 0) {
            qWarning() << r.err;
            return false;
        }
    }
    m_server.backupDir = m_dir.filePath(QStringLiteral("backups-%1").arg(m_serverCount));
    QDir().mkpath(m_server.backupDir);
    return restartServer(extra);
}

bool TestDeskSync::restartServer(const QStringList &extra)
{
    m_server.http.reset();
    m_server.process.stop();
    if (!m_server.process.start(m_server.db,
                                QStringList{QStringLiteral("--backup-dir"), m_server.backupDir}
                                    + extra))
        return false;
    m_server.http = std::make_unique<Http>(m_server.process.baseUrl());
    m_server.supervisor = m_server.http->login(QStringLiteral("super"), kPassword);
    return !m_server.supervisor.isEmpty();
}

std::unique_ptr<Desk> TestDeskSync::newDesk(bool catalogue)
{
    auto d = std::make_unique<Desk>();
    d->path = freshDatabasePath();
    auto opened = Store::open(d->path);
    if (!opened)
        qFatal("desk: %s", qPrintable(opened.error().fullText()));
    d->store.emplace(std::move(opened).value());
    d->store->setActor(Actor{QStringLiteral("claire"), ContactChannel::Phone});
    // The test's own connection only: thousands of clerk commits without an fsync each. The engine's
    // connection keeps synchronous=FULL, and relaisctl (the process that is killed) its own.
    QSqlQuery(d->store->db()).exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    if (catalogue) {
        Publication p;
        p.code = QStringLiteral("LQC");
        p.name = QStringLiteral("Le Quotidien du Centre");
        p.weekdays = *Weekdays::parse(QStringLiteral("1-6"));
        p.cutoff = QTime(14, 0);
        auto pub = d->store->addPublication(p);
        if (!pub)
            qFatal("publication: %s", qPrintable(pub.error().fullText()));
        Offer o;
        o.code = QStringLiteral("LQC-12M");
        o.publicationId = pub->meta.id;
        o.months = 12;
        o.priceCents = 39900;
        if (auto offer = d->store->addOffer(o); !offer)
            qFatal("offer: %s", qPrintable(offer.error().fullText()));
    }
    return d;
}

bool TestDeskSync::connectDesk(Desk &d, const QString &url, const Sync::Engine::Tuning &t)
{
    d.engine = std::make_unique<Sync::Engine>(d.path);
    d.engine->setTuning(t);
    if (!d.engine->open())
        return false;
    QObject::connect(d.engine.get(), &Sync::Engine::tokenIssued, d.engine.get(),
                     [&d](const QByteArray &token) { d.token = token; });
    return loginEngine(*d.engine, QUrl(url), QStringLiteral("clerk"), kPassword);
}

Sync::Receipt TestDeskSync::round(Desk &d, int timeoutMs)
{
    return syncRound(*d.engine, timeoutMs);
}

QList<Protocol::TableSum> TestDeskSync::serverSums()
{
    return serverChecksums(*m_server.http, m_server.supervisor);
}

QString TestDeskSync::disagreement(Desk &d)
{
    return checksumDisagreement(d.store->db(), serverSums());
}

QHash<QString, int> TestDeskSync::serverChangesPerRow()
{
    return changesPerRow(serverChanges(*m_server.http, m_server.supervisor));
}

QHash<QString, int> TestDeskSync::expectedChangesPerRow(const QList<Desk *> &desks)
{
    QHash<QString, int> out;
    for (Desk *d : desks)
        for (const QueuedOperation &o :
             d->outbox().operations({QStringLiteral("acked"), QStringLiteral("conflict")}))
            if (o.serverRev > 0)
                out[o.entityId] += 1;
    return out;
}

bool TestDeskSync::serverHasLiveRow(const QString &id)
{
    return liveInChanges(serverChanges(*m_server.http, m_server.supervisor), id);
}

qint64 TestDeskSync::serverDeskLastSeq(const QString &deskId)
{
    return Test::serverDeskLastSeq(*m_server.http, m_server.supervisor, deskId);
}

void TestDeskSync::bulkSubscribers(Desk &d, int n, const QString &prefix)
{
    const qint64 firstNumber = d.store
                                   ->metaValue(QStringLiteral("number_next"), QStringLiteral("1"))
                                   .toLongLong();
    const qint64 end = d.store->metaValue(QStringLiteral("number_end"), QStringLiteral("0"))
                           .toLongLong();
    QVERIFY2(end == 0 || firstNumber + n - 1 <= end, "the leased block is too small");
    QVERIFY(d.store->setMetaValue(QStringLiteral("number_next"), QString::number(firstNumber + n)));
    Transaction tx(d.store->db());
    QVERIFY(tx.isOpen());
    BulkCreate bulk(d.store->db(), d.store->desk().deskId, d.store->actor(),
                    QStringLiteral("subscriber"), QStringLiteral("subscriber.create"));
    const QString publisher = d.store->metaValue(QStringLiteral("publisher_id"));
    for (int i = 0; i < n; ++i) {
        const Subscriber s = person(prefix + QString::number(i));
        const QVariantMap values{{QStringLiteral("number"), firstNumber + i},
                                 {QStringLiteral("publisher_id"), publisher},
                                 {QStringLiteral("civility"), s.civility},
                                 {QStringLiteral("first_name"), s.firstName},
                                 {QStringLiteral("last_name"), s.lastName},
                                 {QStringLiteral("company"), QStringLiteral("")},
                                 {QStringLiteral("email"), QStringLiteral("")},
                                 {QStringLiteral("phone"), QStringLiteral("")},
                                 {QStringLiteral("consents"), QStringLiteral("")},
                                 {QStringLiteral("notes"), QStringLiteral("")},
                                 {QStringLiteral("sort_key"), Store::sortKey(s)},
                                 {QStringLiteral("line2"), QStringLiteral("")},
                                 {QStringLiteral("line3"), QStringLiteral("")},
                                 {QStringLiteral("line4"), s.address.line4.toUpper()},
                                 {QStringLiteral("line5"), QStringLiteral("")},
                                 {QStringLiteral("postal_code"), s.address.postalCode},
                                 {QStringLiteral("city"), s.address.city},
                                 {QStringLiteral("country"), QStringLiteral("")}};
        const Status added = bulk.add(uuid(), values);
        QVERIFY2(added, qPrintable(added ? QString() : added.error().fullText()));
    }
    const Status finished = bulk.finish();
    QVERIFY2(finished, qPrintable(finished ? QString() : finished.error().fullText()));
    QVERIFY(tx.commit());
}

int TestDeskSync::runRelaisctl(const QStringList &args, QString *out)
{
    QProcess p;
    p.start(QStringLiteral(RELAISCTL_BINARY), args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (out)
        *out = QString::fromUtf8(p.readAllStandardOutput());
    const QByteArray err = p.readAllStandardError();
    if (!err.isEmpty())
        qInfo().noquote() << "relaisctl:" << err.left(500);
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// ---- 1. a new desk copies the server and agrees with it -------------------------------------------

void TestDeskSync::newDeskBootstrapsAndAgrees()
{
    QVERIFY(makeServer(QStringLiteral("bootstrap")));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, m_server.process.baseUrl()));
    const Offer offer = a->store->offers().first();
    QString withInsee; // the first subscriber carries an INSEE code: copied by the snapshot
    for (int i = 0; i < 20; ++i) {
        Subscriber s;
        if (i == 0) {
            Subscriber p = person(QStringLiteral("Martin0"));
            p.address.inseeCode = QStringLiteral("75102");
            s = *a->store->addSubscriber(p);
            withInsee = s.meta.id;
        } else {
            s = a->add(QStringLiteral("Martin%1").arg(i));
        }
        if (i % 2 == 0) {
            Subscription sub;
            sub.recipientId = s.meta.id;
            sub.offerId = offer.meta.id;
            sub.start = QDate(2026, 1, 5);
            QVERIFY(a->store->addSubscription(sub));
        }
    }
    const qint64 queued = a->outbox().summary().pending;
    QCOMPARE(queued, 2 + 20 + 10);
    const Sync::Receipt ra = round(*a);
    QCOMPARE(ra.outcome, QStringLiteral("ok"));
    QCOMPARE(ra.pushed, int(queued));
    QCOMPARE(ra.applied, int(queued));
    QCOMPARE(ra.rejected + ra.conflicts + ra.repeated, 0);
    QCOMPARE(a->engine->status().state, Sync::State::UpToDate);
    QCOMPARE(a->engine->status().pending, 0);
    QVERIFY(a->engine->status().numbersLeft > 0); // a block was leased

    // Desk B is new: its first round copies the server page by page (7 rows a page).
    auto b = newDesk(false);
    Sync::Engine::Tuning t = fastTuning();
    t.snapshotLimit = 7;
    QVERIFY(connectDesk(*b, m_server.process.baseUrl(), t));
    const Sync::Receipt rb = round(*b);
    QCOMPARE(rb.outcome, QStringLiteral("ok"));
    QCOMPARE(b->count(QStringLiteral("subscriber")), 20);
    QCOMPARE(b->count(QStringLiteral("subscription")), 10);
    QCOMPARE(b->count(QStringLiteral("offer")), 1);
    QCOMPARE(b->meta("bootstrap_done"), QStringLiteral("1"));
    QCOMPARE(b->meta("publisher_id"), a->meta("publisher_id")); // both under the server's publisher
    QCOMPARE(b->store->subscriberById(withInsee)->address.inseeCode, QStringLiteral("75102"));
    QCOMPARE(disagreement(*a), QString());
    QCOMPARE(disagreement(*b), QString());

    // B works on what it received: its new subscriber takes a number of its own block and reaches A.
    const Subscriber fromB = b->add(QStringLiteral("Bernard"));
    QVERIFY(fromB.number > 20);
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QVERIFY(a->store->subscriberById(fromB.meta.id));
    QCOMPARE(a->store->subscriberById(fromB.meta.id)->number, fromB.number);
    QCOMPARE(disagreement(*a), QString());
    QCOMPARE(disagreement(*b), QString());
    QCOMPARE(serverChangesPerRow(), expectedChangesPerRow({a.get(), b.get()}));

    // Pulled rows are found by search (indexed at the end of their page), and a pulled rename
    // moves the search entry: the old name no longer finds the subscriber, the new one does.
    auto found = [](Desk &d, const QString &text, const QString &id) {
        const auto hits = SubscriberSearch(d.store->db()).run(text);
        return hits && std::any_of(hits->cbegin(), hits->cend(), [&](const SearchHit &h) {
                   return h.id == id;
               });
    };
    QVERIFY(found(*a, QStringLiteral("bernard"), fromB.meta.id));
    const auto first = a->store->subscriberBySeq(1);
    QVERIFY(first);
    QVERIFY(found(*b, QString::number(first->number), first->meta.id)); // copied by the snapshot
    const Subscriber seen = *b->store->subscriberById(fromB.meta.id);
    Subscriber renamed = seen;
    renamed.lastName = QStringLiteral("Bertrand");
    QVERIFY(b->store->updateSubscriber(renamed, seen));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QVERIFY(found(*a, QStringLiteral("bertrand"), fromB.meta.id));
    QVERIFY(!found(*a, QStringLiteral("bernard"), fromB.meta.id));
    QVERIFY2(a->store->check().ok,
             qPrintable(a->store->check().problems.join(QStringLiteral("; "))));
    QVERIFY2(b->store->check().ok,
             qPrintable(b->store->check().problems.join(QStringLiteral("; "))));
}

// ---- 2. two desks edit one subscriber offline ------------------------------------------------------

void TestDeskSync::twoDesksEditOffline_data()
{
    QTest::addColumn<QString>("fieldA");
    QTest::addColumn<QString>("fieldB");
    QTest::addColumn<QString>("keep"); // "": no conflict expected; "mine" or "server"
    QTest::newRow("different fields, both kept") << "email"
                                                 << "phone"
                                                 << "";
    QTest::newRow("INSEE code and phone, both kept") << "insee_code"
                                                     << "phone"
                                                     << "";
    // B moves the address to Lyon while A gives it Paris's code: the server drops the code the move
    // left behind (B never named it), no conflict, no rejection.
    QTest::newRow("INSEE code, then a move elsewhere") << "insee_code"
                                                       << "postal_code"
                                                       << "";
    QTest::newRow("same field, B keeps its value") << "last_name"
                                                   << "last_name"
                                                   << "mine";
    QTest::newRow("same field, B takes the server's") << "last_name"
                                                      << "last_name"
                                                      << "server";
}

void TestDeskSync::twoDesksEditOffline()
{
    QFETCH(QString, fieldA);
    QFETCH(QString, fieldB);
    QFETCH(QString, keep);
    QVERIFY(makeServer(QStringLiteral("conflict")));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, m_server.process.baseUrl()));
    const Subscriber s = a->add(QStringLiteral("Martin"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    auto b = newDesk(false);
    QVERIFY(connectDesk(*b, m_server.process.baseUrl()));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));

    auto edit = [](Desk &d, const QString &id, const QString &field, const QString &tag) {
        const Subscriber seen = *d.store->subscriberById(id);
        Subscriber e = seen;
        if (field == u"email")
            e.email = tag.toLower() + QStringLiteral("@example.org");
        else if (field == u"phone")
            e.phone = QStringLiteral("01 42 00 00 0") + QString::number(tag.size() % 10);
        else if (field == u"insee_code")
            e.address.inseeCode = QStringLiteral("75102"); // Paris 2e, the commune of 75002
        else if (field == u"postal_code") {
            e.address.postalCode = QStringLiteral("69002");
            e.address.city = QStringLiteral("LYON");
        } else
            e.lastName = tag;
        auto r = d.store->updateSubscriber(e, seen);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
    };
    edit(*a, s.meta.id, fieldA, QStringLiteral("Dupont"));
    edit(*b, s.meta.id, fieldB, QStringLiteral("Durand"));

    Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(r.applied, 1);
    r = round(*b);
    if (keep.isEmpty()) {
        QCOMPARE(r.outcome, QStringLiteral("ok"));
        QCOMPARE(r.conflicts, 0);
        QCOMPARE(b->outbox().openConflicts().size(), 0);
    } else {
        QCOMPARE(r.outcome, QStringLiteral("attention"));
        QCOMPARE(r.conflicts, 1); // one operation in conflict...
        QCOMPARE(b->engine->status().state, Sync::State::NeedsAttention);
        // ...on the last name only: the sort key is derived by the server, never a conflict.
        const QList<OpenConflict> open = b->outbox().openConflicts();
        QStringList fields;
        for (const OpenConflict &c : open)
            fields << c.field;
        QCOMPARE(fields, (QStringList{QStringLiteral("last_name")}));
        const OpenConflict name = open.first();
        QCOMPARE(name.mine.toString(), QStringLiteral("Durand"));
        QCOMPARE(name.server.toString(), QStringLiteral("Dupont"));
        QCOMPARE(name.base.toString(), QStringLiteral("Martin"));
        // The clerk's own value stays on screen while the conflict waits.
        QCOMPARE(b->store->subscriberById(s.meta.id)->lastName, QStringLiteral("Durand"));
        // relaisctl lists them too.
        QString out;
        QCOMPARE(runRelaisctl({QStringLiteral("--db"), b->path, QStringLiteral("conflicts"),
                               QStringLiteral("--json")},
                              &out),
                 0);
        const QJsonArray listed = QJsonDocument::fromJson(out.toUtf8()).array();
        QCOMPARE(listed.size(), 1);
        bool listedName = false;
        for (const QJsonValue &v : listed)
            listedName = listedName
                         || (v.toObject().value(QStringLiteral("id")).toInteger() == name.id
                             && v.toObject().value(QStringLiteral("server")).toString()
                                    == u"Dupont");
        QVERIFY(listedName);

        for (const OpenConflict &c : open) {
            QSignalSpy settled(b->engine.get(), &Sync::Engine::settled);
            b->engine->resolveConflict(c.id, keep == u"mine", QStringLiteral("bruno"));
            QCOMPARE(settled.size(), 1);
            QVERIFY2(settled.first().at(0).toBool(), qPrintable(settled.first().at(1).toString()));
        }
        QCOMPARE(b->outbox().openConflicts().size(), 0);
        QVERIFY(b->engine->status().state != Sync::State::NeedsAttention);
        r = round(*b);
        QCOMPARE(r.outcome, QStringLiteral("ok"));
        QCOMPARE(r.conflicts, 0);
    }
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    const Subscriber onA = *a->store->subscriberById(s.meta.id);
    const Subscriber onB = *b->store->subscriberById(s.meta.id);
    if (keep.isEmpty()) {
        if (fieldA == u"email")
            QCOMPARE(onA.email, QStringLiteral("dupont@example.org"));
        if (fieldA == u"insee_code") // A's code went through the server to B, unless B moved away
            QCOMPARE(onB.address.inseeCode,
                     fieldB == u"postal_code" ? QString() : QStringLiteral("75102"));
        if (fieldB == u"postal_code")
            QCOMPARE(onA.address.postalCode, QStringLiteral("69002"));
        if (fieldB == u"phone")
            QVERIFY(!onA.phone.isEmpty());
    } else {
        QCOMPARE(onA.lastName,
                 keep == u"mine" ? QStringLiteral("Durand") : QStringLiteral("Dupont"));
    }
    QCOMPARE(onB.lastName, onA.lastName);
    QCOMPARE(onB.email, onA.email);
    QCOMPARE(onB.phone, onA.phone);
    QCOMPARE(onB.address, onA.address);
    QCOMPARE(a->engine->status().state, Sync::State::UpToDate);
    QCOMPARE(b->engine->status().state, Sync::State::UpToDate);
    QCOMPARE(disagreement(*a), QString());
    QCOMPARE(disagreement(*b), QString());
}

// ---- 3. operation 5 of 10 is refused (replicache#333, ark#46) -------------------------------------

void TestDeskSync::rejectedOperationWaitsForClerk()
{
    QVERIFY(makeServer(QStringLiteral("rejected")));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, m_server.process.baseUrl()));
    const Subscriber s0 = a->add(QStringLiteral("Martin"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));

    QList<Subscriber> made;
    for (int i = 1; i <= 4; ++i)
        made << a->add(QStringLiteral("Avant%1").arg(i));
    // Operation 5: a postal code the server's validation refuses, straight through the write path
    // (the Store would refuse it before it is queued).
    qint64 badSeq = 0;
    {
        Transaction tx(a->store->db());
        QVERIFY(tx.isOpen());
        WritePath path(a->store->db(), a->store->desk().deskId,
                       Actor{QStringLiteral("claire"), ContactChannel::Desk});
        Change c;
        c.operation = QStringLiteral("subscriber.update");
        c.table = QStringLiteral("subscriber");
        c.id = s0.meta.id;
        c.values = {{QStringLiteral("postal_code"), QStringLiteral("7500")}};
        auto r = path.apply(c);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
        badSeq = r->deskSeq;
        QVERIFY(tx.commit());
    }
    for (int i = 6; i <= 10; ++i)
        made << a->add(QStringLiteral("Apres%1").arg(i));
    QCOMPARE(a->outbox().summary().pending, 10);

    const Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("attention"));
    QCOMPARE(r.pushed, 10);
    QCOMPARE(r.applied, 9);
    QCOMPARE(r.rejected, 1);
    QCOMPARE(a->engine->status().state, Sync::State::NeedsAttention);
    QCOMPARE(a->engine->status().rejected, 1);
    QCOMPARE(a->engine->status().pending, 0);
    const auto rejected = a->outbox().operations({QStringLiteral("rejected")});
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().seq, badSeq);
    QCOMPARE(rejected.first().resultCode, QStringLiteral("rule.broken"));
    QVERIFY(!rejected.first().resultMessage.isEmpty());
    // 6-10 (and 1-4) are on the server.
    const QHash<QString, int> changes = serverChangesPerRow();
    for (const Subscriber &s : std::as_const(made))
        QCOMPARE(changes.value(s.meta.id), 1);
    QString out;
    QCOMPARE(runRelaisctl({QStringLiteral("--db"), a->path, QStringLiteral("rejected"),
                           QStringLiteral("--json")},
                          &out),
             0);
    const QJsonArray listed = QJsonDocument::fromJson(out.toUtf8()).array();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.at(0).toObject().value(QStringLiteral("seq")).toInteger(), badSeq);
    QCOMPARE(listed.at(0).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("rule.broken"));

    // A second round does not make it look settled.
    QCOMPARE(round(*a).outcome, QStringLiteral("attention"));
    QCOMPARE(a->engine->status().state, Sync::State::NeedsAttention);

    QSignalSpy settled(a->engine.get(), &Sync::Engine::settled);
    a->engine->withdrawRejected(badSeq, QStringLiteral("claire"));
    QCOMPARE(settled.size(), 1);
    QVERIFY2(settled.first().at(0).toBool(), qPrintable(settled.first().at(1).toString()));
    QVERIFY(a->engine->status().state != Sync::State::NeedsAttention);
    QCOMPARE(a->engine->status().rejected, 0);
    QCOMPARE(a->store->subscriberById(s0.meta.id)->address.postalCode, QStringLiteral("75002"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QCOMPARE(a->engine->status().state, Sync::State::UpToDate);
    QCOMPARE(disagreement(*a), QString());
}

// ---- 4. an operation the server cannot read (replicache#188) ---------------------------------------

void TestDeskSync::unreadableOperationSetAsideOnce_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("fields");
    QTest::newRow("unknown column") << "subscriber.update"
                                    << "subscriber"
                                    << R"({"shoe_size": 42})";
    QTest::newRow("unknown entity") << "parcel.create"
                                    << "parcel"
                                    << R"({"weight": 3})";
    QTest::newRow("wrong type") << "subscriber.update"
                                << "subscriber"
                                << R"({"number": "douze"})";
}

void TestDeskSync::unreadableOperationSetAsideOnce()
{
    QFETCH(QString, operation);
    QFETCH(QString, entity);
    QFETCH(QString, fields);
    QVERIFY(makeServer(QStringLiteral("unreadable")));
    auto a = newDesk(true);
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    const Subscriber s0 = a->add(QStringLiteral("Martin"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));

    QList<Subscriber> made;
    made << a->add(QStringLiteral("Un")) << a->add(QStringLiteral("Deux"));
    // As a newer program (or an older one) would have queued it.
    const qint64 badSeq = a->outbox().lastDeskSeq() + 1;
    {
        QSqlQuery q(a->store->db());
        q.prepare(QStringLiteral(
            "INSERT INTO outbox (seq, op_id, desk_id, operation, entity, entity_id, fields, base, "
            "clerk, at, schema_version) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
        for (const QVariant &v :
             {QVariant(badSeq), QVariant(uuid()), QVariant(a->store->desk().deskId),
              QVariant(operation), QVariant(entity), QVariant(s0.meta.id), QVariant(fields),
              QVariant(QStringLiteral("{}")), QVariant(QStringLiteral("claire")),
              QVariant(nowUtcIso()), QVariant(WritePath::operationSchemaVersion() + 1)})
            q.addBindValue(v);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(
            QStringLiteral("UPDATE meta SET value = '%1' WHERE key = 'desk_seq'").arg(badSeq)));
    }
    made << a->add(QStringLiteral("Trois")) << a->add(QStringLiteral("Quatre"));
    QCOMPARE(a->outbox().summary().pending, 5);

    proxy.resetCounts();
    Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("attention"));
    QVERIFY2(r.rejected == 1, qPrintable(a->rejections()));
    QCOMPARE(r.applied, 4);
    const int pushes = proxy.count("POST /api/v1/sync/push");
    QVERIFY2(pushes <= 3, qPrintable(QString::number(pushes))); // the batch, then the others
    const auto rejected = a->outbox().operations({QStringLiteral("rejected")});
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().seq, badSeq);
    QVERIFY(!rejected.first().resultMessage.isEmpty());
    const QHash<QString, int> changes = serverChangesPerRow();
    for (const Subscriber &s : std::as_const(made))
        QCOMPARE(changes.value(s.meta.id), 1);
    QCOMPARE(serverDeskLastSeq(a->store->desk().deskId), a->outbox().lastDeskSeq());

    // Set aside once: later rounds neither send it again nor spin.
    proxy.resetCounts();
    made << a->add(QStringLiteral("Cinq"));
    r = round(*a);
    QCOMPARE(r.applied, 1);
    QCOMPARE(r.rejected, 0);
    QCOMPARE(proxy.count("POST /api/v1/sync/push"), 1);
    QCOMPARE(a->outbox().operations({QStringLiteral("rejected")}).size(), 1);
    QSignalSpy settled(a->engine.get(), &Sync::Engine::settled);
    a->engine->withdrawRejected(badSeq, QStringLiteral("claire"));
    QVERIFY(settled.size() == 1 && settled.first().at(0).toBool());
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QCOMPARE(disagreement(*a), QString());
}

// ---- 5. batches: a parent and its child apart; 10,000 operations at once (cht-core#6103) ------------

void TestDeskSync::parentAndChildInTwoBatches()
{
    QVERIFY(makeServer(QStringLiteral("batches")));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, m_server.process.baseUrl()));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    bulkSubscribers(*a, 989, QStringLiteral("Avant"));
    const Subscriber parent = a->add(QStringLiteral("Parent"));
    bulkSubscribers(*a, 10, QStringLiteral("Entre"));
    Subscription sub;
    sub.recipientId = parent.meta.id;
    sub.offerId = a->store->offers().first().meta.id;
    sub.start = QDate(2026, 2, 2);
    const auto child = a->store->addSubscription(sub);
    QVERIFY(child);
    const auto pending = a->outbox().operations({QStringLiteral("pending")});
    QCOMPARE(pending.size(), 1001);
    QCOMPARE(pending.at(989).entityId, parent.meta.id);
    QCOMPARE(pending.at(1000).entityId, child->meta.id);

    const Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(r.applied, 1001);
    QCOMPARE(r.rejected, 0);
    const auto acked = a->outbox().operations({QStringLiteral("acked")});
    qint64 parentRev = 0, childRev = 0;
    for (const QueuedOperation &o : acked) {
        if (o.entityId == parent.meta.id)
            parentRev = o.serverRev;
        if (o.entityId == child->meta.id)
            childRev = o.serverRev;
    }
    QVERIFY(parentRev > 0);
    QVERIFY(childRev > parentRev);
    QCOMPARE(disagreement(*a), QString());
}

// Numbers: a clerk offline with the leased block used up still creates the subscriber, marked
// "number pending"; the next sync leases a block, numbers it, and only then sends its creation
// (and what was queued after it), so no number the server saw ever changes.
void TestDeskSync::numbersPendingOfflineGetNumbersBeforeSending()
{
    QVERIFY(makeServer(QStringLiteral("pending_numbers")));
    auto a = newDesk(true);
    Sync::Engine::Tuning t = fastTuning();
    t.leaseCount = 2;
    t.leaseBelow = 1;
    QVERIFY(connectDesk(*a, m_server.process.baseUrl(), t));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QCOMPARE(a->meta("number_end").toLongLong() - a->meta("number_next").toLongLong() + 1, 2);

    // Offline: four new subscribers, two of them beyond the block; a subscription for the last.
    QList<Subscriber> made;
    for (const char *name : {"Un", "Deux", "Trois", "Quatre"})
        made << a->add(QString::fromLatin1(name));
    QVERIFY(made.at(0).number > 0);
    QVERIFY(made.at(1).number > 0);
    QCOMPARE(made.at(2).number, -1);
    QCOMPARE(made.at(3).number, -2);
    Subscription sub;
    sub.recipientId = made.at(3).meta.id;
    sub.offerId = a->store->offers().first().meta.id;
    sub.start = QDate(2026, 2, 2);
    QVERIFY(a->store->addSubscription(sub));
    // Nothing numbered -1 may leave the desk: the batch stops before it.
    const auto batch = a->outbox().pendingBatch(1000);
    QVERIFY(batch);
    QCOMPARE(batch->size(), 2);

    const Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(r.rejected, 0);
    QCOMPARE(a->outbox().summary().pending, 0);
    QSet<qint64> numbers;
    for (const Subscriber &s : made) {
        const auto now = a->store->subscriberById(s.meta.id);
        QVERIFY(now);
        QVERIFY2(now->number > 0, qPrintable(QString::number(now->number)));
        numbers.insert(now->number);
    }
    QCOMPARE(numbers.size(), 4);
    QCOMPARE(disagreement(*a), QString());
}

// A new desk set up with its server while the server cannot be reached (installed on the first day of
// an outage): the clerk saves subscribers before the desk ever leased numbers. They wait with a
// number pending, and get numbers of their own block at the first sync; numbering them from 1 (as
// a desk that never syncs does) would take numbers leased to other desks, and the server would
// refuse the creations (found by bench/soak.sh).
void TestDeskSync::numbersBeforeTheFirstLeaseWaitForIt()
{
    QVERIFY(makeServer(QStringLiteral("first_lease")));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, m_server.process.baseUrl(), fastTuning()));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    const Subscriber fromA = a->add(QStringLiteral("PremierPoste"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));

    auto b = newDesk(false);
    QVERIFY(connectDesk(*b, m_server.process.baseUrl(),
                        fastTuning())); // the server named, not synced yet
    QVERIFY(b->meta("number_end").isEmpty() || b->meta("number_end") == u"0");
    QList<Subscriber> made;
    for (const char *name : {"Avant1", "Avant2", "Avant3"})
        made << b->add(QString::fromLatin1(name));
    for (const Subscriber &s : std::as_const(made))
        QVERIFY2(s.number < 0, qPrintable(QString::number(s.number)));

    const Sync::Receipt r = round(*b);
    QVERIFY2(r.outcome == u"ok", qPrintable(r.outcome + u' ' + r.message));
    QCOMPARE(r.rejected, 0);
    QCOMPARE(b->outbox().summary().pending, 0);
    QSet<qint64> numbers{fromA.number};
    for (const Subscriber &s : std::as_const(made)) {
        const auto now = b->store->subscriberById(s.meta.id);
        QVERIFY(now);
        QVERIFY2(now->number > 0, qPrintable(QString::number(now->number)));
        numbers.insert(now->number);
    }
    QCOMPARE(numbers.size(), 4);
    QCOMPARE(disagreement(*b), QString());
}

// A desk file restored from its own older backup, or copied to a second PC: the server holds other
// operations under its numbers. It goes on under a new desk id; what it made on its own reaches the
// server once, what both copies share is not sent twice, and all converge.
void TestDeskSync::olderCopyOfADeskGoesOnAsNewDesk_data()
{
    QTest::addColumn<int>("madeOnCopy"); // changes made on the older copy before it syncs again
    QTest::newRow("restored, nothing made since") << 0;
    QTest::newRow("restored, then two new subscribers") << 2;
}

void TestDeskSync::olderCopyOfADeskGoesOnAsNewDesk()
{
    QFETCH(int, madeOnCopy);
    QVERIFY(makeServer(QStringLiteral("older_copy_%1").arg(madeOnCopy)));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, m_server.process.baseUrl()));
    for (const char *name : {"Avant1", "Avant2", "Avant3"})
        a->add(QString::fromLatin1(name));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    // One change queued but not sent yet when the copy is taken: both copies hold it.
    const Subscriber shared = a->add(QStringLiteral("Partagee"));
    const QString copyPath = m_dir.filePath(QStringLiteral("older-copy-%1.sqlite").arg(madeOnCopy));
    QFile::remove(copyPath);
    QVERIFY(QSqlQuery(a->store->db()).exec(QStringLiteral("VACUUM INTO '%1'").arg(copyPath)));
    for (const char *name : {"Apres1", "Apres2"})
        a->add(QString::fromLatin1(name));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    const QString oldId = a->store->desk().deskId;

    // The copy comes back (the original desk goes away: its disk was lost).
    a->engine.reset();
    Desk copy;
    copy.path = copyPath;
    auto opened = Store::open(copyPath);
    QVERIFY(opened.ok());
    copy.store.emplace(std::move(opened).value());
    QCOMPARE(copy.store->desk().deskId, oldId);
    QList<Subscriber> own;
    for (int i = 0; i < madeOnCopy; ++i)
        own << copy.add(QStringLiteral("Copie%1").arg(i));
    QVERIFY(connectDesk(copy, m_server.process.baseUrl()));
    const Sync::Receipt r = round(copy);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QVERIFY2(r.message.contains(QStringLiteral("new desk")), qPrintable(r.message));
    QVERIFY(copy.meta("desk_id") != oldId);
    QCOMPARE(copy.outbox().summary().pending, 0);
    // Everything, once: the original's rows came back by the pull, the copy's own went up.
    QCOMPARE(copy.count(QStringLiteral("subscriber")), 6 + madeOnCopy);
    for (const Subscriber &s : std::as_const(own)) {
        QVERIFY(serverHasLiveRow(s.meta.id));
        QVERIFY(copy.store->subscriberById(s.meta.id)->number > 0);
    }
    const QHash<QString, int> changes = serverChangesPerRow();
    QCOMPARE(changes.value(shared.meta.id), 1); // sent by the original only, not again by the copy
    for (const Subscriber &s : std::as_const(own))
        QVERIFY(changes.value(s.meta.id) >= 1);
    QCOMPARE(disagreement(copy), QString());
    // And it keeps going under its new id.
    copy.add(QStringLiteral("Ensuite"));
    QCOMPARE(round(copy).outcome, QStringLiteral("ok"));
    QCOMPARE(serverDeskLastSeq(copy.meta("desk_id")), qint64(madeOnCopy + 1));
    QCOMPARE(disagreement(copy), QString());
}

// relais-server killed (SIGKILL) while a desk pushes its real outbox, at several moments: after a
// restart the desk sends what the server did not commit, with the same ids; every operation is
// applied exactly once (the server's change log against the desk's acknowledged operations).
void TestDeskSync::serverKilledDuringAPush_data()
{
    QTest::addColumn<int>("killAfterMs");
    for (int ms : {20, 80, 200, 400})
        QTest::newRow(qPrintable(QStringLiteral("killed %1 ms into the round").arg(ms))) << ms;
}

void TestDeskSync::serverKilledDuringAPush()
{
    QFETCH(int, killAfterMs);
    QVERIFY(makeServer(QStringLiteral("killed_push_%1").arg(killAfterMs)));
    auto a = newDesk(true);
    Sync::Engine::Tuning t = fastTuning();
    t.pushBatch = 100; // many pushes, so that the kill lands between and inside them
    QVERIFY(connectDesk(*a, m_server.process.baseUrl(), t));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    bulkSubscribers(*a, 3000, QStringLiteral("Tue"));

    QSignalSpy finished(a->engine.get(), &Sync::Engine::roundFinished);
    a->engine->syncNow();
    QTest::qWait(killAfterMs);
    m_server.process.kill();
    QVERIFY(finished.wait(60000));
    // The kill landed inside the round: it could not finish, and some operations wait.
    QVERIFY(finished.first().first().value<Sync::Receipt>().outcome != u"ok");
    QVERIFY(a->outbox().summary().pending > 0);

    QVERIFY(restartServer());
    a->engine->configure(QUrl(m_server.process.baseUrl()), QStringLiteral("clerk"));
    a->engine->login(QStringLiteral("clerk"), kPassword);
    const Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(a->outbox().summary().pending, 0);
    QCOMPARE(serverChangesPerRow(), expectedChangesPerRow({a.get()}));
    QCOMPARE(disagreement(*a), QString());
}

void TestDeskSync::tenThousandOperationsInOneSync()
{
    QVERIFY(makeServer(QStringLiteral("tenthousand")));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, m_server.process.baseUrl()));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    bulkSubscribers(*a, 10000, QStringLiteral("Abonne"));
    QCOMPARE(a->outbox().summary().pending, 10000);
    QElapsedTimer clock;
    clock.start();
    const Sync::Receipt r = round(*a, 170000);
    const qint64 ms = clock.elapsed();
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(r.applied, 10000);
    QCOMPARE(a->engine->status().pending, 0);
    qInfo().noquote() << QStringLiteral("10,000 operations pushed in %1 ms (%2 ops/s)")
                             .arg(ms)
                             .arg(10000.0 * 1000 / qMax<qint64>(1, ms), 0, 'f', 0);
    // And a new desk copies them.
    auto b = newDesk(false);
    QVERIFY(connectDesk(*b, m_server.process.baseUrl()));
    clock.restart();
    QCOMPARE(round(*b, 170000).outcome, QStringLiteral("ok"));
    const qint64 boot = clock.elapsed();
    qInfo().noquote() << QStringLiteral("bootstrap of %1 subscribers in %2 ms (%3 rows/s)")
                             .arg(b->count(QStringLiteral("subscriber")))
                             .arg(boot)
                             .arg(10000.0 * 1000 / qMax<qint64>(1, boot), 0, 'f', 0);
    QCOMPARE(b->count(QStringLiteral("subscriber")), 10000);
    QCOMPARE(disagreement(*a), QString());
    QCOMPARE(disagreement(*b), QString());
}

// ---- 6. lost replies, cut bodies, a 503, refused connections ---------------------------------------

void TestDeskSync::lostOrBrokenAnswers_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("fault");
    QTest::addColumn<bool>("serverApplied"); // the server applied the push before the fault
    QTest::newRow("push reply lost")
        << QByteArray("POST /api/v1/sync/push") << int(FaultProxy::Fault::DropReply) << true;
    QTest::newRow("push reply cut half way")
        << QByteArray("POST /api/v1/sync/push") << int(FaultProxy::Fault::CutReply) << true;
    QTest::newRow("push 503 (server.unavailable)")
        << QByteArray("POST /api/v1/sync/push") << int(FaultProxy::Fault::Answer503) << false;
    QTest::newRow("push connection cut before the server")
        << QByteArray("POST /api/v1/sync/push") << int(FaultProxy::Fault::CloseEarly) << false;
    QTest::newRow("pull reply cut half way")
        << QByteArray("GET /api/v1/sync/pull") << int(FaultProxy::Fault::CutReply) << false;
}

void TestDeskSync::lostOrBrokenAnswers()
{
    QFETCH(QByteArray, request);
    QFETCH(int, fault);
    QFETCH(bool, serverApplied);
    QVERIFY(makeServer(QStringLiteral("faults")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    auto b = newDesk(false); // its changes make A's pull non-empty
    QVERIFY(connectDesk(*b, m_server.process.baseUrl()));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    b->add(QStringLiteral("DeB"));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    for (int i = 0; i < 5; ++i)
        a->add(QStringLiteral("Martin%1").arg(i));
    const qint64 cursorBefore = a->meta("pull_cursor").toLongLong();

    // Three times: Qt's network access resends a request once by itself when a kept-alive
    // connection closes before any answer; that resend is a retry with the same op ids as well.
    proxy.addFault(request, FaultProxy::Fault(fault), 3);
    Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("offline"));
    proxy.clearFaults();
    QCOMPARE(a->engine->status().state, Sync::State::Offline);
    QVERIFY(a->meta("pull_cursor").toLongLong() >= cursorBefore);
    if (request.startsWith("POST"))
        QCOMPARE(a->outbox().summary().pending, 5); // nothing counted as sent
    r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    if (request.startsWith("POST")) {
        QCOMPARE(r.applied, 5);
        QCOMPARE(r.repeated, serverApplied ? 5 : 0);
    }
    QCOMPARE(a->engine->status().state, Sync::State::UpToDate);
    QCOMPARE(serverChangesPerRow(), expectedChangesPerRow({a.get(), b.get()}));
    QCOMPARE(serverDeskLastSeq(a->store->desk().deskId), a->outbox().lastDeskSeq());
    QCOMPARE(disagreement(*a), QString());
}

void TestDeskSync::serverBusyOnceQueueStillDrains()
{
    // powersync-native#15: one failed upload, nobody edits afterwards: still sent, after the backoff.
    QVERIFY(makeServer(QStringLiteral("busy")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    a->add(QStringLiteral("Martin"));
    a->add(QStringLiteral("Durand"));
    proxy.resetCounts();
    proxy.addFault("POST /api/v1/sync/push", FaultProxy::Fault::Answer503);
    QSignalSpy rounds(a->engine.get(), &Sync::Engine::roundFinished);
    a->engine->setAutomatic(true);
    QTRY_COMPARE_WITH_TIMEOUT(a->outbox().summary().pending, 0, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(a->engine->status().state, Sync::State::UpToDate, 15000);
    QCOMPARE(proxy.count("POST /api/v1/sync/push"), 2);
    QVERIFY(rounds.size() >= 2);
    QCOMPARE(rounds.first().at(0).value<Sync::Receipt>().outcome, QStringLiteral("offline"));
    a->engine->setAutomatic(false);
    QCOMPARE(disagreement(*a), QString());
}

void TestDeskSync::refusedConnectionsKeepTheQueue()
{
    QVERIFY(makeServer(QStringLiteral("refused")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    proxy.setRefusing(true);
    a->add(QStringLiteral("Martin"));
    Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("offline"));
    QCOMPARE(a->engine->status().state, Sync::State::Offline);
    QVERIFY(!a->engine->status().message.isEmpty());
    // Work goes on locally, queued.
    a->add(QStringLiteral("Durand"));
    QCOMPARE(round(*a).outcome, QStringLiteral("offline"));
    QCOMPARE(a->engine->status().pending, 2);
    QCOMPARE(a->outbox().summary().pending, 2);
    proxy.setRefusing(false);
    r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(r.applied, 2);
    QCOMPARE(a->engine->status().state, Sync::State::UpToDate);
    QCOMPARE(disagreement(*a), QString());
}

void TestDeskSync::failureWhileRecordingKeepsTheQueue()
{
    // powersync-kotlin#340: the answer arrives but the desk cannot record it (another connection
    // holds the file's write lock past the busy timeout): nothing counts as sent, the numbers stay.
    QVERIFY(makeServer(QStringLiteral("recording")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    for (int i = 0; i < 3; ++i)
        a->add(QStringLiteral("Martin%1").arg(i));
    QList<qint64> before;
    for (const QueuedOperation &o : a->outbox().operations({QStringLiteral("pending")}))
        before << o.seq;
    proxy.addFault("POST /api/v1/sync/push", FaultProxy::Fault::HoldReply);
    QSignalSpy rounds(a->engine.get(), &Sync::Engine::roundFinished);
    a->engine->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(proxy.held() > 0, 10000);
    QSqlQuery lock(a->store->db());
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    proxy.release();
    QTRY_VERIFY_WITH_TIMEOUT(!rounds.isEmpty(), 30000);
    QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    QCOMPARE(rounds.first().at(0).value<Sync::Receipt>().outcome, QStringLiteral("error"));
    QList<qint64> after;
    for (const QueuedOperation &o : a->outbox().operations({QStringLiteral("pending")}))
        after << o.seq;
    QCOMPARE(after, before);
    const Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(r.applied, 3);
    QCOMPARE(r.repeated, 3); // the server had applied them: answered from its stored results
    QCOMPARE(serverChangesPerRow(), expectedChangesPerRow({a.get()}));
    QCOMPARE(disagreement(*a), QString());
}

// ---- 7. a desk killed at chosen points of a round (powersync.dart#307, pouchdb#1240) ----------------

void TestDeskSync::killedDeskConverges_data()
{
    QTest::addColumn<QString>("point");
    QTest::addColumn<int>("seed");
    QTest::newRow("before a push is sent") << "before-send" << 1;
    QTest::newRow("after the server applied, before the desk recorded") << "after-apply" << 2;
    QTest::newRow("after the second push applied") << "after-apply-2" << 3;
    QTest::newRow("mid pull") << "mid-pull" << 4;
    QTest::newRow("mid bootstrap") << "mid-bootstrap" << 5;
    for (int seed = 11; seed <= 14; ++seed)
        QTest::addRow("random moment, seed %d", seed) << "random" << seed;
}

void TestDeskSync::killedDeskConverges()
{
    QFETCH(QString, point);
    QFETCH(int, seed);
    QRandomGenerator random{quint32(seed)};
    QVERIFY(makeServer(QStringLiteral("kill")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    // Desk B makes changes for A to pull; A (the one killed) has queued work of its own.
    auto b = newDesk(true);
    QVERIFY(connectDesk(*b, m_server.process.baseUrl()));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    bulkSubscribers(*b, 60, QStringLiteral("DeB"));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    auto a = newDesk(false);
    const bool bootstrap = point == u"mid-bootstrap";
    if (!bootstrap) {
        QVERIFY(connectDesk(*a, proxy.baseUrl()));
        QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
        a->engine.reset();
        const QList<Subscriber> mine = {a->add(QStringLiteral("Un")),
                                        a->add(QStringLiteral("Deux"))};
        for (int i = 0; i < 20; ++i)
            a->add(QStringLiteral("A%1").arg(i));
        for (const Subscriber &s : mine) {
            Subscriber e = s;
            e.email = s.lastName.toLower() + QStringLiteral("@example.org");
            QVERIFY(a->store->updateSubscriber(e, s));
        }
        // More of B's changes, so that A's pull has several pages.
        bulkSubscribers(*b, 30, QStringLiteral("EncoreB"));
        QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    }

    proxy.setReplyDelay(15);
    proxy.resetCounts();
    if (point == u"before-send")
        proxy.addFault("POST /api/v1/sync/push", FaultProxy::Fault::HoldRequest);
    else if (point == u"after-apply")
        proxy.addFault("POST /api/v1/sync/push", FaultProxy::Fault::HoldReply);
    else if (point == u"after-apply-2")
        proxy.addFault("POST /api/v1/sync/push", FaultProxy::Fault::HoldReply, 1, 1);
    else if (point == u"mid-pull")
        proxy.addFault("GET /api/v1/sync/pull", FaultProxy::Fault::HoldReply, 1, 2);
    else if (bootstrap)
        proxy.addFault("GET /api/v1/sync/snapshot", FaultProxy::Fault::HoldReply, 1, 3);
    QProcess desk;
    desk.start(QStringLiteral(RELAISCTL_BINARY),
               {QStringLiteral("--db"), a->path, QStringLiteral("sync"), QStringLiteral("--server"),
                proxy.baseUrl(), QStringLiteral("--user"), QStringLiteral("clerk"),
                QStringLiteral("--password-file"), m_passwordFile, QStringLiteral("--batch"),
                QStringLiteral("5"), QStringLiteral("--page"), QStringLiteral("10")});
    QVERIFY(desk.waitForStarted());
    if (point == u"random")
        QTest::qWait(int(random.bounded(80, 700))); // the moment is the variable under test
    else
        QTRY_VERIFY_WITH_TIMEOUT(proxy.held() > 0, 30000);
    // A desk that finished by itself has no pid left: kill(0) would kill this test's whole process
    // group (ctest with it).
    if (const qint64 pid = desk.processId(); pid > 0 && desk.state() != QProcess::NotRunning) {
        ::kill(pid_t(pid), SIGKILL);
        QVERIFY(desk.waitForFinished(10000));
    }
    const bool finished = desk.exitStatus() == QProcess::NormalExit;
    if (point != u"random")
        QVERIFY2(!finished, desk.readAllStandardError().constData());
    // Whatever was held dies with the desk, as on a cut line; the server keeps what it applied.
    proxy.clearFaults();
    proxy.setReplyDelay(0);
    proxy.release();

    // The desk comes back: one clean round.
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(a->engine->status().state, Sync::State::UpToDate);
    QCOMPARE(a->outbox().summary().pending, 0);
    QCOMPARE(a->outbox().summary().rejected, 0);
    if (!bootstrap)
        QCOMPARE(serverDeskLastSeq(a->store->desk().deskId), a->outbox().lastDeskSeq());
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    QCOMPARE(serverChangesPerRow(), expectedChangesPerRow({a.get(), b.get()}));
    QCOMPARE(disagreement(*a), QString());
    QCOMPARE(disagreement(*b), QString());
}

// ---- 8. an interrupted first copy resumes; the cursor never goes back (pouchdb#3999, powersync#253) -

void TestDeskSync::interruptedBootstrapResumes()
{
    QVERIFY(makeServer(QStringLiteral("resume")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, m_server.process.baseUrl()));
    bulkSubscribers(*a, 95, QStringLiteral("Abonne"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    Sync::Engine::Tuning t = fastTuning();
    t.snapshotLimit = 10;

    // How many pages an uninterrupted copy takes.
    auto whole = newDesk(false);
    QVERIFY(connectDesk(*whole, proxy.baseUrl(), t));
    proxy.resetCounts();
    QCOMPARE(round(*whole).outcome, QStringLiteral("ok"));
    const int pages = proxy.count("GET /api/v1/sync/snapshot");
    QVERIFY(pages >= 10);

    // Stopped after the fourth page.
    auto b = newDesk(false);
    QVERIFY(connectDesk(*b, proxy.baseUrl(), t));
    proxy.resetCounts();
    int seen = 0;
    QObject::connect(b->engine.get(), &Sync::Engine::dataChanged, b->engine.get(), [&] {
        if (++seen == 4)
            b->engine->cancel();
    });
    Sync::Receipt r = round(*b);
    QCOMPARE(r.outcome, QStringLiteral("cancelled"));
    // Four pages written; a fifth (asked for as the fourth arrived) and even a sixth (as the
    // fifth arrived, if it came before the fourth was read and written) may have been asked for
    // ahead, and dropped with the round.
    const int first = proxy.count("GET /api/v1/sync/snapshot");
    QVERIFY2(first >= 4 && first <= 6, qPrintable(QString::number(first)));
    QVERIFY(b->meta("bootstrap_done") != u"1");
    const qint64 partial = b->count(QStringLiteral("subscriber"));
    QVERIFY(partial > 0 && partial < 95);
    // The first copy into an empty desk builds its secondary indexes at the end: away meanwhile.
    auto indexCount = [](Desk &d) {
        QSqlQuery q(d.store->db());
        return q.exec(QStringLiteral(
                   "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                   "('subscriber_sort', 'subscriber_postal', 'subscription_payer')"))
                       && q.next()
                   ? q.value(0).toInt()
                   : -1;
    };
    QCOMPARE(indexCount(*b), 0);
    QVERIFY(!b->meta("bootstrap_deferred_indexes").isEmpty());
    QCOMPARE(indexCount(*whole), 3);
    QVERIFY(whole->meta("bootstrap_deferred_indexes").isEmpty());

    // A kill (here: the engine dropped) and a new engine: the copy goes on from the fifth page.
    b->engine.reset();
    QVERIFY(connectDesk(*b, proxy.baseUrl(), t));
    // Opening the desk (here the engine's connection) brings a cut-short copy's indexes back.
    QCOMPARE(indexCount(*b), 3);
    QVERIFY(b->meta("bootstrap_deferred_indexes").isEmpty());
    proxy.resetCounts();
    r = round(*b);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    const QList<QByteArray> asked = proxy.requests();
    QVERIFY2(asked.first().contains("after="), asked.first().constData());
    QCOMPARE(proxy.count("GET /api/v1/sync/snapshot"), pages - 4);
    QCOMPARE(b->count(QStringLiteral("subscriber")), 96 - 1); // 95 (a's bulk), none lost or doubled
    QCOMPARE(disagreement(*b), QString());
}

void TestDeskSync::cursorNeverDecreasesAcrossFlaps()
{
    QVERIFY(makeServer(QStringLiteral("flaps")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    auto b = newDesk(false);
    Sync::Engine::Tuning t = fastTuning();
    t.pullLimit = 3;
    t.pushBatch = 2;
    QVERIFY(connectDesk(*b, proxy.baseUrl(), t));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    QRandomGenerator random(20261128);
    const QList<QByteArray> routes = {"POST /api/v1/sync/push", "GET /api/v1/sync/pull",
                                      "POST /api/v1/numbers/lease"};
    const QList<FaultProxy::Fault> faults = {FaultProxy::Fault::DropReply,
                                             FaultProxy::Fault::CutReply,
                                             FaultProxy::Fault::CloseEarly,
                                             FaultProxy::Fault::Answer503};
    qint64 cursor = b->meta("pull_cursor").toLongLong();
    int okRounds = 0;
    for (int flap = 0; flap < 24; ++flap) {
        a->add(QStringLiteral("DeA%1").arg(flap));
        b->add(QStringLiteral("DeB%1").arg(flap));
        if (flap % 6 == 5)
            proxy.setRefusing(true);
        else
            proxy.addFault(routes.at(random.bounded(int(routes.size()))),
                           faults.at(random.bounded(int(faults.size()))), 1, random.bounded(3));
        for (Desk *d : {a.get(), b.get()}) {
            const Sync::Receipt r = round(*d);
            QVERIFY2(r.outcome == u"ok" || r.outcome == u"offline",
                     qPrintable(r.outcome + u' ' + r.message));
            okRounds += r.outcome == u"ok" ? 1 : 0;
        }
        const qint64 now = b->meta("pull_cursor").toLongLong();
        QVERIFY2(now >= cursor,
                 qPrintable(
                     QStringLiteral("flap %1: cursor %2 after %3").arg(flap).arg(now).arg(cursor)));
        QVERIFY(b->engine->status().serverSeq >= 0);
        cursor = now;
        proxy.setRefusing(false);
        proxy.clearFaults();
    }
    QVERIFY(okRounds > 0);
    for (Desk *d : {a.get(), b.get(), a.get()})
        QCOMPARE(round(*d).outcome, QStringLiteral("ok"));
    QCOMPARE(serverChangesPerRow(), expectedChangesPerRow({a.get(), b.get()}));
    QCOMPARE(disagreement(*a), QString());
    QCOMPARE(disagreement(*b), QString());
}

// ---- 9. a dead token: one login, no 401 loop (powersync-js#1033, powersync-kotlin#219) --------------

void TestDeskSync::deadTokenOneLogin_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("logged out on the server") << "logout";
    QTest::newRow("expired (--token-ttl 2)") << "expired";
}

void TestDeskSync::deadTokenOneLogin()
{
    QFETCH(QString, how);
    QVERIFY(makeServer(QStringLiteral("token"),
                       how == u"expired"
                           ? QStringList{QStringLiteral("--token-ttl"), QStringLiteral("2")}
                           : QStringList{}));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    const QByteArray old = a->token;
    QVERIFY(!old.isEmpty());
    if (how == u"logout")
        QCOMPARE(m_server.http->post(QStringLiteral("/api/v1/logout"), {}, old).status, 204);
    else
        QTRY_COMPARE_WITH_TIMEOUT(m_server.http->get(QStringLiteral("/api/v1/me"), old).status, 401,
                                  10000);
    a->add(QStringLiteral("Martin"));
    proxy.resetCounts();
    const qsizetype logged = m_server.process.stderrText().size();
    const Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(r.applied, 1);
    QCOMPARE(proxy.count("POST /api/v1/login"), 1);
    QVERIFY(a->token != old);
    // A logged-out token is used once (the first request of the round), then the new one. An
    // expired one is not used at all: the engine knows when it ends and logs in first.
    const qsizetype expected401 = how == u"expired" ? 0 : 1;
    QStringList unauthorized;
    for (const QString &line : m_server.process.stderrText().mid(logged).split(u'\n'))
        if (line.contains(QStringLiteral("status=401")) && line.contains(QStringLiteral("sync/")))
            unauthorized << line;
    QVERIFY2(unauthorized.size() == expected401, qPrintable(unauthorized.join(u'\n')));
    QVERIFY2(proxy.requests().size() <= 6, proxy.requests().join(", ").constData());
    QCOMPARE(a->engine->status().state, Sync::State::UpToDate);
}

void TestDeskSync::offlineWithDeadToken()
{
    // The window's case: the engine has a token (kept from an earlier session) and no password.
    QVERIFY(makeServer(QStringLiteral("offlinetoken")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    const QByteArray token = a->token;
    a->engine = std::make_unique<Sync::Engine>(a->path);
    a->engine->setTuning(fastTuning());
    QVERIFY(a->engine->open());
    a->engine->configure(QUrl(proxy.baseUrl()), QStringLiteral("clerk"));
    a->engine->setToken(token);
    QCOMPARE(m_server.http->post(QStringLiteral("/api/v1/logout"), {}, token).status, 204);

    proxy.setRefusing(true);
    a->add(QStringLiteral("Martin")); // work goes on
    Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("offline"));
    QCOMPARE(a->engine->status().pending, 1);

    proxy.setRefusing(false);
    proxy.resetCounts();
    QSignalSpy rounds(a->engine.get(), &Sync::Engine::roundFinished);
    a->engine->setAutomatic(true); // retries on its own: it must stop at the 401
    QTRY_COMPARE_WITH_TIMEOUT(a->engine->status().state, Sync::State::LoginNeeded, 10000);
    QTest::qWait(1500); // several backoff periods: no 401 loop meanwhile
    const int unauthorized = proxy.count("GET") + proxy.count("POST");
    QVERIFY2(unauthorized <= 3, qPrintable(QString::number(unauthorized)));
    QCOMPARE(a->engine->status().state, Sync::State::LoginNeeded);
    QCOMPARE(a->outbox().summary().pending, 1);
    a->add(QStringLiteral("Durand")); // still works locally
    // One login, then everything goes out.
    QSignalSpy login(a->engine.get(), &Sync::Engine::loginFinished);
    a->engine->login(QStringLiteral("clerk"), kPassword);
    QVERIFY(login.wait(10000));
    QVERIFY(login.first().at(0).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(a->outbox().summary().pending, 0, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(a->engine->status().state, Sync::State::UpToDate, 15000);
    QVERIFY2(proxy.count("POST /api/v1/login") == 1, proxy.requests().join(", ").constData());
    a->engine->setAutomatic(false);
    QCOMPARE(disagreement(*a), QString());
}

// ---- 10. the server restored from an older backup (realm-js#3548, realm-core#7112) -----------------

void TestDeskSync::serverRestoredFromOlderBackup_data()
{
    QTest::addColumn<bool>("newDatabase");
    QTest::newRow("restored in place") << false;
    QTest::newRow("restored into a new database") << true;
}

void TestDeskSync::serverRestoredFromOlderBackup()
{
    QFETCH(bool, newDatabase);
    QVERIFY(makeServer(QStringLiteral("restore")));
    FaultProxy proxy; // the desks keep one address while the server moves
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    const Subscriber s1 = a->add(QStringLiteral("Un"));
    Subscription sub;
    sub.recipientId = s1.meta.id;
    sub.offerId = a->store->offers().first().meta.id;
    sub.start = QDate(2026, 1, 5);
    const auto subscription = a->store->addSubscription(sub);
    QVERIFY(subscription);
    DeliveryChange hold;
    hold.subscriptionId = subscription->meta.id;
    hold.from = QDate(2026, 7, 1);
    hold.to = QDate(2026, 7, 15);
    const auto held = a->store->addDeliveryChange(hold);
    QVERIFY2(held, qPrintable(held ? QString() : held.error().fullText()));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    auto b = newDesk(false);
    QVERIFY(connectDesk(*b, proxy.baseUrl()));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));

    const QString file = m_dir.filePath(QStringLiteral("older-%1.backup").arg(m_serverCount));
    const CliResult backup = runCli(
        dbArgs(m_server.db, {QStringLiteral("backup"), QStringLiteral("--out"), file}));
    QVERIFY2(backup.exitCode == 0, qPrintable(backup.err));

    // Newer changes: two subscribers, an edit, and the hold removed (a deletion).
    const qint64 beforeNewer = a->outbox().lastDeskSeq();
    const Subscriber s2 = a->add(QStringLiteral("Deux"));
    a->add(QStringLiteral("Trois"));
    Subscriber e = s1;
    e.email = QStringLiteral("un@example.org");
    QVERIFY(a->store->updateSubscriber(e, s1));
    QVERIFY(a->store->removeDeliveryChange(held->meta.id));
    const int newer = int(a->outbox().lastDeskSeq() - beforeNewer);
    QVERIFY(newer >= 4);
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    QVERIFY(b->store->subscriberById(s2.meta.id));

    // The server goes back to the backup.
    m_server.http.reset();
    m_server.process.stop();
    if (newDatabase) {
        m_server.db = freshDatabaseUrl(
            QStringLiteral("relais_desk_restored_%1").arg(m_serverCount));
        QCOMPARE(runCli(dbArgs(m_server.db, {QStringLiteral("init")})).exitCode, 0);
    }
    const CliResult restore = runCli(dbArgs(m_server.db, {QStringLiteral("restore"), file}));
    QVERIFY2(restore.exitCode == 0, qPrintable(restore.err));
    QVERIFY(restartServer());
    proxy.setUpstream(m_server.process.port());
    QVERIFY(!serverHasLiveRow(s2.meta.id)); // lost for now (in place: announced as a tombstone)

    proxy.resetCounts();
    Sync::Receipt r = round(*a, 30000);
    QVERIFY2(r.outcome == u"ok", qPrintable(r.outcome + u' ' + r.message + u' '
                                            + QString::fromUtf8(proxy.requests().join(", "))));
    QCOMPARE(r.resent, newer);
    QCOMPARE(r.applied, newer);
    QCOMPARE(r.rejected + r.conflicts, 0);
    QVERIFY(!r.message.isEmpty());
    QCOMPARE(serverDeskLastSeq(a->store->desk().deskId), a->outbox().lastDeskSeq());
    // A second round sends nothing again.
    r = round(*a);
    QCOMPARE(r.pushed, 0);
    QCOMPARE(r.resent, 0);
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    // The deletion made after the backup still holds everywhere.
    QVERIFY(!a->store->deliveryChangeById(held->meta.id)
            || a->count(QStringLiteral("delivery_change")) == 0);
    QCOMPARE(b->count(QStringLiteral("delivery_change")), 0);
    QCOMPARE(a->store->subscriberById(s1.meta.id)->email, QStringLiteral("un@example.org"));
    QCOMPARE(b->store->subscriberById(s1.meta.id)->email, QStringLiteral("un@example.org"));
    QCOMPARE(disagreement(*a), QString());
    QCOMPARE(disagreement(*b), QString());
}

// ---- 11. an edit made while a push runs goes out without anyone asking (replicache#42) --------------

void TestDeskSync::editDuringPushGoesOutNextRound()
{
    QVERIFY(makeServer(QStringLiteral("during")));
    FaultProxy proxy;
    QVERIFY(proxy.start(m_server.process.port()));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, proxy.baseUrl()));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    a->engine->setAutomatic(true);
    QTRY_COMPARE_WITH_TIMEOUT(a->engine->status().state, Sync::State::UpToDate, 10000);
    proxy.resetCounts();
    proxy.addFault("POST /api/v1/sync/push", FaultProxy::Fault::HoldReply);
    const Subscriber first = a->add(QStringLiteral("Premier"));
    QTRY_VERIFY_WITH_TIMEOUT(proxy.held() > 0, 10000); // the push of the first is on its way
    const Subscriber second = a->add(QStringLiteral("Second"));
    proxy.release();
    QTRY_COMPARE_WITH_TIMEOUT(a->outbox().summary().pending, 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(a->engine->status().state, Sync::State::UpToDate, 10000);
    QCOMPARE(proxy.count("POST /api/v1/sync/push"), 2);
    const auto changes = serverChangesPerRow();
    QCOMPARE(changes.value(first.meta.id), 1);
    QCOMPARE(changes.value(second.meta.id), 1);
    a->engine->setAutomatic(false);
}

// A's change reaches the server after B's round has pulled its first page but before B pushes: B's
// own change is numbered after A's, so B skips A's (older than the row it shows) and must take A's
// field from its own change coming back (the server's whole row after both). With an operation of B
// set aside (rejected), pulled rows go through the path that keeps held columns.
void TestDeskSync::changeReachingServerBetweenPullAndPushKept_data()
{
    QTest::addColumn<bool>("withRejected");
    QTest::newRow("nothing held") << false;
    QTest::newRow("an operation set aside") << true;
}

void TestDeskSync::changeReachingServerBetweenPullAndPushKept()
{
    QFETCH(bool, withRejected);
    QVERIFY(makeServer(QStringLiteral("between")));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, m_server.process.baseUrl()));
    const Subscriber s = a->add(QStringLiteral("Martin"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    auto b = newDesk(false);
    Sync::Engine::Tuning small = fastTuning();
    small.pullLimit = 1; // the round's first page holds one change: A's edit comes after B's push
    QVERIFY(connectDesk(*b, m_server.process.baseUrl(), small));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));

    for (int i = 0; i < 3; ++i)
        a->add(QStringLiteral("Autre%1").arg(i));
    Subscriber onA = *a->store->subscriberById(s.meta.id);
    Subscriber e = onA;
    e.email = QStringLiteral("martin@example.org");
    QVERIFY(a->store->updateSubscriber(e, onA));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));

    if (withRejected) {
        // A postal code the server refuses, on another subscriber, straight through the write path.
        const Subscriber other = b->add(QStringLiteral("Refuse"));
        Transaction tx(b->store->db());
        QVERIFY(tx.isOpen());
        WritePath path(b->store->db(), b->store->desk().deskId,
                       Actor{QStringLiteral("bruno"), ContactChannel::Desk});
        Change c;
        c.operation = QStringLiteral("subscriber.update");
        c.table = QStringLiteral("subscriber");
        c.id = other.meta.id;
        c.values = {{QStringLiteral("postal_code"), QStringLiteral("7500")}};
        QVERIFY(path.apply(c));
        QVERIFY(tx.commit());
    }
    const Subscriber seen = *b->store->subscriberById(s.meta.id);
    QVERIFY(seen.email.isEmpty());
    e = seen;
    e.phone = QStringLiteral("01 42 00 00 01");
    QVERIFY(b->store->updateSubscriber(e, seen));
    const Sync::Receipt r = round(*b);
    QCOMPARE(r.outcome, withRejected ? QStringLiteral("attention") : QStringLiteral("ok"));
    QCOMPARE(r.rejected, withRejected ? 1 : 0);
    QCOMPARE(r.conflicts, 0);
    const Subscriber onB = *b->store->subscriberById(s.meta.id);
    QCOMPARE(onB.email, QStringLiteral("martin@example.org"));
    QCOMPARE(onB.phone, QStringLiteral("01 42 00 00 01"));
    if (withRejected) {
        const auto rejected = b->outbox().operations({QStringLiteral("rejected")});
        QCOMPARE(rejected.size(), 1);
        QSignalSpy settled(b->engine.get(), &Sync::Engine::settled);
        b->engine->withdrawRejected(rejected.first().seq, QStringLiteral("bruno"));
        QCOMPARE(settled.size(), 1);
        QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    }
    QCOMPARE(disagreement(*b), QString());
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QCOMPARE(a->store->subscriberById(s.meta.id)->phone, QStringLiteral("01 42 00 00 01"));
    QCOMPARE(disagreement(*a), QString());
}

// One desk changes the first name, the other the last name: different fields, so no conflict for
// a clerk — not even on the sort key the desks derive from the name, which is no field of theirs.
void TestDeskSync::firstAndLastNameChangedOnTwoDesks()
{
    QVERIFY(makeServer(QStringLiteral("names")));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a, m_server.process.baseUrl()));
    const Subscriber s = a->add(QStringLiteral("Martin"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    auto b = newDesk(false);
    QVERIFY(connectDesk(*b, m_server.process.baseUrl()));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));

    Subscriber seenA = *a->store->subscriberById(s.meta.id);
    Subscriber e = seenA;
    e.firstName = QStringLiteral("Anne");
    QVERIFY(a->store->updateSubscriber(e, seenA));
    const Subscriber seenB = *b->store->subscriberById(s.meta.id);
    e = seenB;
    e.lastName = QStringLiteral("Durand");
    QVERIFY(b->store->updateSubscriber(e, seenB));

    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    const Sync::Receipt r = round(*b);
    QCOMPARE(r.conflicts, 0);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QCOMPARE(b->outbox().openConflicts().size(), 0);
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    for (Desk *d : {a.get(), b.get()}) {
        const Subscriber now = *d->store->subscriberById(s.meta.id);
        QCOMPARE(now.firstName, QStringLiteral("Anne"));
        QCOMPARE(now.lastName, QStringLiteral("Durand"));
        QSqlQuery q(d->store->db());
        QVERIFY(
            q.exec(QStringLiteral("SELECT sort_key FROM subscriber WHERE id = '%1'").arg(s.meta.id))
            && q.next());
        QCOMPARE(q.value(0).toString(), Store::sortKey(now)); // the list sorts Durand Anne as such
        QCOMPARE(disagreement(*d), QString());
    }
}

QTEST_GUILESS_MAIN(TestDeskSync)
#include "tst_desk_sync.moc"

// Continuity drills of the desk (issue 10), with real relais-server processes and the real
// relaisctl backup, verify and restore (child processes), desks driven as in tst_desk_sync:
//   drill 1 — the server restored from a backup older than the desks' latest changes: every change
//             made after the backup is back on the server exactly once, deletions made after it
//             still hold, desks and server agree;
//   drill 2 — the server is lost entirely: a new database, reseeded from one desk with
//             `relaisctl reseed`; the other desk syncs; nothing lost, nothing duplicated;
//   drill 3 — a desk's disk is lost: a new desk bootstraps, everything the old one had sent is
//             there, and it carries on under its own id;
//   drill 4 — the desk side: damaged backups (flipped bytes, truncated, swapped for another desk's
//             backup, crafted with an unknown table) are refused by `relaisctl verify` and
//             `relaisctl restore`, the desk file is left byte for byte as it was, and it still syncs;
//   drill 5 — a desk restored from its own older backup while its newer operations are already on
//             the server: nothing lost, nothing sent twice, it carries on under a new desk id;
//   drill 6 — restoring one publisher changes nothing for another publisher's desks.
// Runs on SQLite, and on PostgreSQL under tests/server/run-with-postgres.sh (tst_continuity_postgres).

#include "serverharness.h"
#include "syncfixture.h"

#include "checksum.h"
#include "deskbackup.h"
#include "outbox.h"
#include "store.h"
#include "syncchecksums.h"
#include "syncengine.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <optional>

using namespace Relais;
using namespace Relais::Test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");

Sync::Engine::Tuning fastTuning()
{
    return fastSyncTuning();
}

Subscriber person(const QString &lastName)
{
    Subscriber s;
    s.civility = QStringLiteral("Mme");
    s.firstName = QStringLiteral("Anne");
    s.lastName = lastName;
    s.address.line4 = QStringLiteral("12 rue de la Paix");
    s.address.postalCode = QStringLiteral("75002");
    s.address.city = QStringLiteral("PARIS");
    return s;
}

QByteArray fileSha(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

struct Desk
{
    QString path;
    std::optional<Store> store;
    std::unique_ptr<Sync::Engine> engine;

    Subscriber add(const QString &lastName)
    {
        auto r = store->addSubscriber(person(lastName));
        if (!r)
            qFatal("subscriber: %s", qPrintable(r.error().fullText()));
        return *r;
    }
    QString meta(const char *key) { return store->metaValue(QString::fromLatin1(key)); }
    Outbox outbox() { return Outbox(store->db()); }
    qint64 live(const QString &table)
    {
        QSqlQuery q(store->db());
        return q.exec(QStringLiteral("SELECT count(*) FROM %1 WHERE deleted = 0").arg(table))
                       && q.next()
                   ? q.value(0).toLongLong()
                   : -1;
    }
    bool open()
    {
        auto opened = Store::open(path);
        if (!opened)
            return false;
        store.emplace(std::move(opened).value());
        store->setActor(Actor{QStringLiteral("claire"), ContactChannel::Phone});
        return true;
    }
    // The desk closed, as the window leaves it: engine and connection gone.
    void close()
    {
        engine.reset();
        store.reset();
    }
};

} // namespace

class TestContinuity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void drill1ServerRestoredOlder();
    void drill2ServerLostReseededFromADesk();
    void drill3DeskDiskLost();
    void drill4DamagedBackupsRefused_data();
    void drill4DamagedBackupsRefused();
    void drill5DeskRestoredFromOlderBackup();
    void drill6RestoreOfOnePublisherLeavesAnotherAlone();

private:
    // `publisherId`: the publisher made under that identity (a server rebuilt after a total loss).
    bool makeServer(const QString &name, const QString &publisherId = {});
    std::unique_ptr<Desk> newDesk(bool catalogue);
    bool connectDesk(Desk &d, const QString &user = QStringLiteral("clerk"));
    // A subscription of `s` to the desk's offer, and a hold on it in July.
    std::pair<Subscription, DeliveryChange> subscribeWithHold(Desk &d, const Subscriber &s);
    int serverLiveSubscribers();
    bool cli(const QStringList &args, QString *err = nullptr);
    Sync::Receipt round(Desk &d);
    QString disagreement(Desk &d);
    QHash<QString, int> serverChangesPerRow();
    qint64 serverDeskLastSeq(const QString &deskId);
    bool serverHasLiveRow(const QString &id);
    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run relaisctl(const QStringList &args);

    QTemporaryDir m_dir;
    QString m_passwordFile;
    QString m_db;
    ServerProcess m_server;
    std::unique_ptr<Http> m_http;
    QByteArray m_supervisor;
    int m_count = 0;
};

void TestContinuity::initTestCase()
{
    QVERIFY2(QFile::exists(serverBinary()), qPrintable(serverBinary()));
    QVERIFY(QFile::exists(QStringLiteral(RELAISCTL_BINARY)));
    QVERIFY(m_dir.isValid());
    m_passwordFile = m_dir.filePath(QStringLiteral("password"));
    QFile f(m_passwordFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kPassword.toUtf8() + "\n");
}

void TestContinuity::cleanup()
{
    m_http.reset();
    m_server.stop();
}

bool TestContinuity::makeServer(const QString &name, const QString &publisherId)
{
    m_http.reset();
    m_server.stop();
    m_db = freshDatabaseUrl(QStringLiteral("relais_continuity_%1_%2").arg(name).arg(++m_count));
    if (m_db.isEmpty())
        return false;
    auto cli = [this](const QStringList &rest) {
        const CliResult r = runCli(QStringList{QStringLiteral("--db"), m_db} + rest);
        if (r.exitCode != 0)
            qWarning() << rest << r.err;
        return r.exitCode == 0;
    };
    if (!cli({QStringLiteral("init")})
        || !cli(QStringList{QStringLiteral("publisher"), QStringLiteral("add"),
                            QStringLiteral("OUEST"), QStringLiteral("--name"),
                            QStringLiteral("Ouest")}
                + (publisherId.isEmpty() ? QStringList()
                                         : QStringList{QStringLiteral("--id"), publisherId})))
        return false;
    for (const auto &[user, role] : {std::pair{"clerk", "clerk"}, std::pair{"super", "supervisor"},
                                     std::pair{"admin", "admin"}})
        if (!cli({QStringLiteral("user"), QStringLiteral("add"), QString::fromLatin1(user),
                  QStringLiteral("--role"), QString::fromLatin1(role),
                  QStringLiteral("--publisher"), QStringLiteral("OUEST"),
                  QStringLiteral("--password-file"), m_passwordFile}))
            return false;
    const QString backups = m_dir.filePath(QStringLiteral("server-backups-%1").arg(m_count));
    QDir().mkpath(backups);
    if (!m_server.start(m_db, {QStringLiteral("--backup-dir"), backups}))
        return false;
    m_http = std::make_unique<Http>(m_server.baseUrl());
    m_supervisor = m_http->login(QStringLiteral("super"), kPassword);
    return !m_supervisor.isEmpty();
}

std::unique_ptr<Desk> TestContinuity::newDesk(bool catalogue)
{
    auto d = std::make_unique<Desk>();
    d->path = m_dir.filePath(QStringLiteral("desk-%1.sqlite").arg(++m_count));
    if (!d->open())
        qFatal("desk cannot be opened");
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
        if (!d->store->addOffer(o))
            qFatal("offer");
    }
    return d;
}

bool TestContinuity::connectDesk(Desk &d, const QString &user)
{
    d.engine = std::make_unique<Sync::Engine>(d.path);
    d.engine->setTuning(fastTuning());
    if (!d.engine->open())
        return false;
    return loginEngine(*d.engine, QUrl(m_server.baseUrl()), user, kPassword);
}

std::pair<Subscription, DeliveryChange> TestContinuity::subscribeWithHold(Desk &d,
                                                                          const Subscriber &s)
{
    const auto offer = d.store->offerByCode(QStringLiteral("LQC-12M"));
    if (!offer)
        qFatal("no offer on this desk");
    Subscription sub;
    sub.recipientId = s.meta.id;
    sub.payerId = s.meta.id;
    sub.offerId = offer->meta.id;
    sub.publicationId = offer->publicationId;
    sub.start = QDate(2026, 1, 5);
    sub.end = QDate(2026, 12, 31);
    auto added = d.store->addSubscription(sub);
    if (!added)
        qFatal("subscription: %s", qPrintable(added.error().fullText()));
    DeliveryChange hold;
    hold.subscriptionId = added->meta.id;
    hold.kind = DeliveryChangeKind::Hold;
    hold.from = QDate(2026, 7, 1);
    hold.to = QDate(2026, 7, 15);
    auto h = d.store->addDeliveryChange(hold);
    if (!h)
        qFatal("hold: %s", qPrintable(h.error().fullText()));
    return {*added, *h};
}

int TestContinuity::serverLiveSubscribers()
{
    return liveRowsInChanges(serverChanges(*m_http, m_supervisor), QStringLiteral("subscriber"));
}

bool TestContinuity::cli(const QStringList &args, QString *err)
{
    const CliResult r = runCli(QStringList{QStringLiteral("--db"), m_db} + args);
    if (err)
        *err = r.err + r.out;
    return r.exitCode == 0;
}

Sync::Receipt TestContinuity::round(Desk &d)
{
    return syncRound(*d.engine);
}

QString TestContinuity::disagreement(Desk &d)
{
    return checksumDisagreement(d.store->db(), serverChecksums(*m_http, m_supervisor));
}

QHash<QString, int> TestContinuity::serverChangesPerRow()
{
    return changesPerRow(serverChanges(*m_http, m_supervisor));
}

qint64 TestContinuity::serverDeskLastSeq(const QString &deskId)
{
    return Test::serverDeskLastSeq(*m_http, m_supervisor, deskId);
}

bool TestContinuity::serverHasLiveRow(const QString &id)
{
    return liveInChanges(serverChanges(*m_http, m_supervisor), id);
}

TestContinuity::Run TestContinuity::relaisctl(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(RELAISCTL_BINARY), args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

// ---- drill 1: the server restored from an older backup ------------------------------------------

void TestContinuity::drill1ServerRestoredOlder()
{
    QVERIFY(makeServer(QStringLiteral("restored_older")));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a));
    QList<Subscriber> before;
    for (int i = 0; i < 12; ++i)
        before << a->add(QStringLiteral("Avant%1").arg(i));
    const auto [subscription, hold] = subscribeWithHold(*a, before[0]);
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    auto b = newDesk(false);
    QVERIFY(connectDesk(*b));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    QCOMPARE(disagreement(*b), QString());

    // The nightly backup.
    const QString backup = m_dir.filePath(QStringLiteral("drill1-%1.backup").arg(m_count));
    QString err;
    QVERIFY2(cli({QStringLiteral("backup"), QStringLiteral("--out"), backup}, &err),
             qPrintable(err));

    // The day goes on: creations on both desks, an edit on B, a hold removed on A (a deletion).
    QList<Subscriber> after;
    for (int i = 0; i < 5; ++i)
        after << a->add(QStringLiteral("ApresA%1").arg(i));
    for (int i = 0; i < 3; ++i)
        after << b->add(QStringLiteral("ApresB%1").arg(i));
    Subscriber moved = *b->store->subscriberById(before[4].meta.id);
    moved.address.line4 = QStringLiteral("21 rue Nationale");
    QVERIFY(b->store->updateSubscriber(moved).ok());
    QVERIFY(a->store->removeDeliveryChange(hold.meta.id).ok());
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QCOMPARE(serverLiveSubscribers(), 20);

    // The server's database is put back from last night's backup (the whole database).
    QVERIFY2(cli({QStringLiteral("restore"), backup}, &err), qPrintable(err));
    QCOMPARE(serverLiveSubscribers(), 12);

    // The desks meet the restored server and send again what it lost.
    for (int i = 0; i < 2; ++i) {
        for (Desk *d : {a.get(), b.get()}) {
            const Sync::Receipt r = round(*d);
            QVERIFY2(r.outcome == u"ok", qPrintable(r.outcome + u' ' + r.message));
        }
    }
    // Every change made after the backup is back, once; the removed hold stays removed.
    QCOMPARE(serverLiveSubscribers(), 20);
    for (const Subscriber &s : std::as_const(after))
        QVERIFY2(serverHasLiveRow(s.meta.id), qPrintable(s.lastName));
    QVERIFY(!serverHasLiveRow(hold.meta.id));
    for (Desk *d : {a.get(), b.get()}) {
        QCOMPARE(d->live(QStringLiteral("subscriber")), 20);
        QCOMPARE(d->live(QStringLiteral("delivery_change")), 0);
        QCOMPARE(d->store->subscriberById(before[4].meta.id)->address.line4,
                 QStringLiteral("21 rue Nationale"));
        QCOMPARE(d->outbox().summary().pending, 0);
        QCOMPARE(disagreement(*d), QString());
    }
}

// ---- drill 2: the server lost entirely, reseeded from a desk ----------------------------------------

void TestContinuity::drill2ServerLostReseededFromADesk()
{
    QVERIFY(makeServer(QStringLiteral("lost")));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a));
    QList<Subscriber> fromA;
    for (int i = 0; i < 25; ++i)
        fromA << a->add(QStringLiteral("DeskA%1").arg(i));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    auto b = newDesk(false);
    QVERIFY(connectDesk(*b));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    QList<Subscriber> fromB;
    for (int i = 0; i < 10; ++i)
        fromB << b->add(QStringLiteral("DeskB%1").arg(i));
    Subscriber movedByB = *b->store->subscriberById(fromA[2].meta.id);
    movedByB.address.line4 = QStringLiteral("8 boulevard Voltaire");
    QVERIFY(b->store->updateSubscriber(movedByB).ok());
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok")); // desk A holds everything
    QCOMPARE(disagreement(*a), QString());
    // Desk B keeps working offline while the centre is down: one change queued.
    const Subscriber queuedOnB = b->add(QStringLiteral("PendantLaPanne"));

    // The server's database is gone: a new one, the same publisher (under the identity its desks
    // hold, as docs/operations.md says: `publisher add --id`) and users, nothing else.
    const QString publisherId = a->store->metaValue(QStringLiteral("server_publisher_id"));
    QVERIFY(!publisherId.isEmpty());
    QVERIFY(makeServer(QStringLiteral("rebuilt"), publisherId));
    a->engine.reset();
    const Run reseed = relaisctl({QStringLiteral("--db"), a->path, QStringLiteral("reseed"),
                                  QStringLiteral("--server"), m_server.baseUrl(),
                                  QStringLiteral("--user"), QStringLiteral("admin"),
                                  QStringLiteral("--password-file"), m_passwordFile,
                                  QStringLiteral("--chunk"), QStringLiteral("10")});
    QVERIFY2(reseed.code == 0, qPrintable(reseed.err));
    QVERIFY2(reseed.out.contains(QStringLiteral("reseeded from desk")), qPrintable(reseed.out));
    QVERIFY2(reseed.err.contains(QStringLiteral("chunk")), qPrintable(reseed.err)); // progress
    // Run again: every chunk is answered as repeated, nothing is written twice.
    const Run again = relaisctl(
        {QStringLiteral("--db"), a->path, QStringLiteral("reseed"), QStringLiteral("--server"),
         m_server.baseUrl(), QStringLiteral("--user"), QStringLiteral("admin"),
         QStringLiteral("--password-file"), m_passwordFile, QStringLiteral("--chunk"),
         QStringLiteral("10"), QStringLiteral("--quiet")});
    QCOMPARE(again.code,
             1); // the reseed is finished: the server refuses another (reseed.not_empty)
    QVERIFY2(again.err.contains(QStringLiteral("reseed.not_empty")), qPrintable(again.err));

    // The new server holds every row desk A held, once: its own, desk B's, desk B's edit.
    const QHash<QString, int> changes = serverChangesPerRow();
    for (const QList<Subscriber> &list : {fromA, fromB})
        for (const Subscriber &s : list) {
            QCOMPARE(changes.value(s.meta.id), 1);
            QVERIFY(serverHasLiveRow(s.meta.id));
        }
    QVERIFY(!changes.contains(queuedOnB.meta.id)); // still only on desk B
    const Response row = m_http->get(QStringLiteral("/api/v1/sync/pull?since=0&limit=5000"),
                                     m_supervisor);
    bool editThere = false;
    for (const QJsonValue &v : row.json.value(QStringLiteral("changes")).toArray())
        if (v.toObject().value(QStringLiteral("id")).toString() == fromA[2].meta.id)
            editThere = v.toObject()
                            .value(QStringLiteral("row"))
                            .toObject()
                            .value(QStringLiteral("line4"))
                            .toString()
                        == u"8 boulevard Voltaire";
    QVERIFY(editThere);

    // Both desks meet the new server and carry on.
    QVERIFY(connectDesk(*a));
    const Sync::Receipt ra = round(*a);
    QVERIFY2(ra.outcome == u"ok", qPrintable(ra.outcome + u' ' + ra.message));
    QVERIFY(connectDesk(*b));
    const Sync::Receipt rb = round(*b);
    QVERIFY2(rb.outcome == u"ok", qPrintable(rb.outcome + u' ' + rb.message));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    // Nothing lost: every row of both desks, the edit and the change made during the outage.
    for (const QList<Subscriber> &list : {fromA, fromB})
        for (const Subscriber &s : list)
            QVERIFY(serverHasLiveRow(s.meta.id));
    QVERIFY(serverHasLiveRow(queuedOnB.meta.id));
    QCOMPARE(a->store->subscriberById(fromA[2].meta.id)->address.line4,
             QStringLiteral("8 boulevard Voltaire"));
    QVERIFY(a->store->subscriberById(queuedOnB.meta.id).has_value());
    // Nothing duplicated: 36 subscribers on each desk, and both agree with the server.
    QCOMPARE(a->live(QStringLiteral("subscriber")), 36);
    QCOMPARE(b->live(QStringLiteral("subscriber")), 36);
    QCOMPARE(disagreement(*a), QString());
    QCOMPARE(disagreement(*b), QString());
}

// ---- drill 3: a desk's disk is lost --------------------------------------------------------------

void TestContinuity::drill3DeskDiskLost()
{
    QVERIFY(makeServer(QStringLiteral("disk_lost")));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a));
    QList<Subscriber> sent;
    for (int i = 0; i < 40; ++i)
        sent << a->add(QStringLiteral("Envoye%1").arg(i));
    Subscriber moved = sent[3];
    moved.address.line4 = QStringLiteral("3 avenue Foch");
    QVERIFY(a->store->updateSubscriber(moved).ok());
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QCOMPARE(disagreement(*a), QString());
    const auto sumsBefore = deskChecksums(a->store->db());
    QVERIFY(sumsBefore.ok());
    const QString oldId = a->store->desk().deskId;
    // One change made after the last sync: on the lost disk only (the RPO of a desk is its last sync).
    const Subscriber unsent = a->add(QStringLiteral("JamaisEnvoye"));

    // The disk is gone: the file and its WAL.
    const QString lostPath = a->path;
    a->close();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(lostPath + suffix);

    // A new PC: a new desk file, the same clerk's login, a first copy.
    auto b = newDesk(false);
    QVERIFY(connectDesk(*b));
    const Sync::Receipt r = round(*b);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QVERIFY(b->store->desk().deskId != oldId);
    QCOMPARE(disagreement(*b), QString());
    // Everything the lost desk had sent is there, row for row (the same digests as before the loss).
    const auto sumsAfter = deskChecksums(b->store->db());
    QVERIFY(sumsAfter.ok());
    QCOMPARE(*sumsAfter, *sumsBefore);
    for (const Subscriber &s : std::as_const(sent))
        QVERIFY(b->store->subscriberById(s.meta.id).has_value());
    QCOMPARE(b->store->subscriberById(moved.meta.id)->address.line4,
             QStringLiteral("3 avenue Foch"));
    QVERIFY(!b->store->subscriberById(unsent.meta.id).has_value());
    // And it carries on: a new subscriber, numbered from its own block, sent once.
    const Subscriber next = b->add(QStringLiteral("NouveauPoste"));
    QCOMPARE(round(*b).outcome, QStringLiteral("ok"));
    QVERIFY(serverHasLiveRow(next.meta.id));
    QVERIFY(b->store->subscriberById(next.meta.id)->number > 0);
    QCOMPARE(serverDeskLastSeq(b->store->desk().deskId), 1);
    QCOMPARE(disagreement(*b), QString());
}

// ---- drill 4: damaged backups are refused, and nothing changes --------------------------------------

void TestContinuity::drill4DamagedBackupsRefused_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("rule");
    QTest::newRow("flipped bytes") << "flip"
                                   << "backup.checksum";
    QTest::newRow("truncated") << "truncate"
                               << "backup.truncated";
    QTest::newRow("swapped for another desk's backup") << "swap"
                                                       << "";
    QTest::newRow("another desk's whole backup") << "other-desk"
                                                 << "restore.other_desk";
    QTest::newRow("crafted: an unknown table, manifest resealed") << "crafted"
                                                                  << "backup.schema";
}

void TestContinuity::drill4DamagedBackupsRefused()
{
    QFETCH(QString, damage);
    QFETCH(QString, rule);
    QVERIFY(makeServer(QStringLiteral("damaged_%1").arg(QString(damage).replace(u'-', u'_'))));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a));
    for (int i = 0; i < 30; ++i)
        a->add(QStringLiteral("Avant%1").arg(i));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    const QString file = m_dir.filePath(QStringLiteral("desk-backup-%1.sqlite").arg(damage));
    // Taken by relaisctl while the desk's engine and store are open (the window at work).
    const Run made = relaisctl(
        {QStringLiteral("--db"), a->path, QStringLiteral("backup"), QStringLiteral("--out"), file});
    QVERIFY2(made.code == 0, qPrintable(made.err));
    QCOMPARE(relaisctl({QStringLiteral("verify"), file}).code, 0);
    a->add(QStringLiteral("Apres"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));

    if (damage == u"flip") {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        for (qint64 at : {5000LL, 9000LL, 20000LL}) {
            QVERIFY(f.seek(at));
            f.write("\xde\xad");
        }
    } else if (damage == u"truncate") {
        QFile f(file);
        QVERIFY(f.resize(f.size() - 4096));
    } else if (damage == u"swap" || damage == u"other-desk") {
        auto other = newDesk(true);
        for (int i = 0; i < 5; ++i)
            other->add(QStringLiteral("Autre%1").arg(i));
        const QString otherFile = m_dir.filePath(QStringLiteral("other-%1.sqlite").arg(damage));
        QCOMPARE(relaisctl({QStringLiteral("--db"), other->path, QStringLiteral("backup"),
                            QStringLiteral("--out"), otherFile})
                     .code,
                 0);
        QVERIFY(QFile::remove(file));
        QVERIFY(QFile::copy(otherFile, file));
        if (damage == u"other-desk") { // the file with its own manifest: valid, but not this desk's
            QVERIFY(QFile::remove(DeskBackup::manifestPath(file)));
            QVERIFY(
                QFile::copy(DeskBackup::manifestPath(otherFile), DeskBackup::manifestPath(file)));
        }
    } else if (damage == u"crafted") {
        QProcess shell;
        shell.start(QStringLiteral("sqlite3"),
                    {file, QStringLiteral("CREATE TABLE payload (x TEXT); "
                                          "INSERT INTO payload VALUES ('x');")});
        QVERIFY(shell.waitForFinished(30000) && shell.exitCode() == 0);
        QFile m(DeskBackup::manifestPath(file));
        QVERIFY(m.open(QIODevice::ReadOnly));
        QJsonObject o = QJsonDocument::fromJson(m.readAll()).object();
        m.close();
        o.insert(QStringLiteral("bytes"), QFileInfo(file).size());
        o.insert(QStringLiteral("sha256"), QString::fromLatin1(fileSha(file)));
        QVERIFY(m.open(QIODevice::WriteOnly | QIODevice::Truncate));
        m.write(QJsonDocument(o).toJson());
    }

    const Run verified = relaisctl({QStringLiteral("verify"), file});
    if (damage == u"other-desk") {
        QCOMPARE(verified.code, 0); // a good backup, of another desk
    } else {
        QCOMPARE(verified.code, 3);
        QVERIFY2(verified.err.contains(QFileInfo(file).fileName()), qPrintable(verified.err));
        if (!rule.isEmpty())
            QVERIFY2(verified.err.contains(u'[' + rule + u']'), qPrintable(verified.err));
    }
    // The desk closed as restore wants it; the refused restore changes nothing.
    a->close();
    const QByteArray before = fileSha(a->path);
    const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files);
    const Run restored = relaisctl(
        {QStringLiteral("--db"), a->path, QStringLiteral("restore"), QStringLiteral("--in"), file});
    QCOMPARE(restored.code, 3);
    if (!rule.isEmpty())
        QVERIFY2(restored.err.contains(rule) || restored.err.contains(QStringLiteral("other desk"))
                     || restored.err.contains(QStringLiteral("is of desk")),
                 qPrintable(restored.err));
    QCOMPARE(fileSha(a->path), before);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), filesBefore);
    // The desk goes on as if nothing happened.
    QVERIFY(a->open());
    QVERIFY(connectDesk(*a));
    a->add(QStringLiteral("Ensuite"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QCOMPARE(a->live(QStringLiteral("subscriber")), 32);
    QCOMPARE(disagreement(*a), QString());
}

// ---- drill 5: a desk restored from its own older backup ----------------------------------------------

void TestContinuity::drill5DeskRestoredFromOlderBackup()
{
    QVERIFY(makeServer(QStringLiteral("desk_restored")));
    auto a = newDesk(true);
    QVERIFY(connectDesk(*a));
    for (const char *name : {"Avant1", "Avant2", "Avant3"})
        a->add(QString::fromLatin1(name));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    // Queued but not sent when the backup is taken: the backup and the desk both hold it.
    const Subscriber shared = a->add(QStringLiteral("Partagee"));
    const QString file = m_dir.filePath(QStringLiteral("week-old.sqlite"));
    const Run made = relaisctl(
        {QStringLiteral("--db"), a->path, QStringLiteral("backup"), QStringLiteral("--out"), file});
    QVERIFY2(made.code == 0, qPrintable(made.err));
    // The week goes on: newer operations reach the server (an edit of a row the backup holds too).
    QList<Subscriber> newer;
    for (const char *name : {"Apres1", "Apres2"})
        newer << a->add(QString::fromLatin1(name));
    Subscriber edited = *a->store->subscriberById(shared.meta.id);
    edited.email = QStringLiteral("partagee@example.fr");
    QVERIFY(a->store->updateSubscriber(edited).ok());
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QCOMPARE(a->outbox().summary().pending, 0);
    const QString oldId = a->store->desk().deskId;
    const qint64 serverHeld = serverDeskLastSeq(oldId);
    QVERIFY(serverHeld >= 7);

    // The desk's disk fails; the operator restores the week-old backup with relaisctl.
    a->close();
    const Run restored = relaisctl(
        {QStringLiteral("--db"), a->path, QStringLiteral("restore"), QStringLiteral("--in"), file});
    QVERIFY2(restored.code == 0, qPrintable(restored.err));
    QVERIFY(restored.out.contains(QStringLiteral("before-restore")));
    QVERIFY(a->open());
    QCOMPARE(a->store->desk().deskId, oldId);
    QCOMPARE(a->outbox().summary().pending, 1); // Partagee, queued again as it was
    QVERIFY(!a->store->subscriberById(newer.first().meta.id).has_value());
    // The clerk works on the restored desk before it syncs.
    QList<Subscriber> own;
    for (int i = 0; i < 3; ++i)
        own << a->add(QStringLiteral("Restaure%1").arg(i));

    QVERIFY(connectDesk(*a));
    const Sync::Receipt r = round(*a);
    QCOMPARE(r.outcome, QStringLiteral("ok"));
    QVERIFY2(r.message.contains(QStringLiteral("new desk")), qPrintable(r.message));
    const QString newId = a->meta("desk_id");
    QVERIFY(newId != oldId);
    QCOMPARE(a->outbox().summary().pending, 0);
    // Nothing lost: the newer rows came back from the server, the restored desk's own went up.
    QCOMPARE(a->live(QStringLiteral("subscriber")), 9);
    for (const Subscriber &s : std::as_const(newer))
        QVERIFY(a->store->subscriberById(s.meta.id).has_value());
    // The handshake's pull page is applied while the restored desk still queues the creation of
    // this row: the queued creation holds every column, so the original desk's later edit waits
    // aside (sync_deferred) and is applied once the push finds the creation a repeat.
    QCOMPARE(a->store->subscriberById(shared.meta.id)->email,
             QStringLiteral("partagee@example.fr"));
    for (const Subscriber &s : std::as_const(own)) {
        QVERIFY(serverHasLiveRow(s.meta.id));
        QVERIFY(a->store->subscriberById(s.meta.id)->number > 0);
    }
    // Nothing sent twice: the shared creation once (by the desk before its backup was restored),
    // its edit once; each of the restored desk's own creations once.
    const QHash<QString, int> changes = serverChangesPerRow();
    QCOMPARE(changes.value(shared.meta.id), 2);
    for (const Subscriber &s : std::as_const(newer))
        QCOMPARE(changes.value(s.meta.id), 1);
    for (const Subscriber &s : std::as_const(own))
        QCOMPARE(changes.value(s.meta.id), 1);
    QCOMPARE(serverDeskLastSeq(oldId), serverHeld); // the old id's log is untouched
    QCOMPARE(serverDeskLastSeq(newId), 3);
    QCOMPARE(disagreement(*a), QString());
    // And it carries on under the new id.
    a->add(QStringLiteral("Ensuite"));
    QCOMPARE(round(*a).outcome, QStringLiteral("ok"));
    QCOMPARE(serverDeskLastSeq(newId), 4);
    QCOMPARE(disagreement(*a), QString());
}

// ---- drill 6: restoring one publisher leaves another alone -----------------------------------------

void TestContinuity::drill6RestoreOfOnePublisherLeavesAnotherAlone()
{
    QVERIFY(makeServer(QStringLiteral("two_publishers")));
    QString err;
    QVERIFY2(cli({QStringLiteral("publisher"), QStringLiteral("add"), QStringLiteral("EST"),
                  QStringLiteral("--name"), QStringLiteral("Est")},
                 &err),
             qPrintable(err));
    QVERIFY2(cli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("clerk_est"),
                  QStringLiteral("--role"), QStringLiteral("clerk"), QStringLiteral("--publisher"),
                  QStringLiteral("EST"), QStringLiteral("--password-file"), m_passwordFile},
                 &err),
             qPrintable(err));
    auto ouest = newDesk(true);
    QVERIFY(connectDesk(*ouest));
    for (int i = 0; i < 6; ++i)
        ouest->add(QStringLiteral("Ouest%1").arg(i));
    QCOMPARE(round(*ouest).outcome, QStringLiteral("ok"));
    auto est = newDesk(true);
    QVERIFY(connectDesk(*est, QStringLiteral("clerk_est")));
    QList<Subscriber> estRows;
    for (int i = 0; i < 4; ++i)
        estRows << est->add(QStringLiteral("Est%1").arg(i));
    QCOMPARE(round(*est).outcome, QStringLiteral("ok"));

    const QString backup = m_dir.filePath(QStringLiteral("drill6-%1.backup").arg(m_count));
    QVERIFY2(cli({QStringLiteral("backup"), QStringLiteral("--out"), backup}, &err),
             qPrintable(err));
    // After the backup both publishers work on.
    for (int i = 0; i < 3; ++i)
        ouest->add(QStringLiteral("OuestApres%1").arg(i));
    for (int i = 0; i < 3; ++i)
        estRows << est->add(QStringLiteral("EstApres%1").arg(i));
    Subscriber moved = *est->store->subscriberById(estRows[1].meta.id);
    moved.address.line4 = QStringLiteral("2 place Stanislas");
    QVERIFY(est->store->updateSubscriber(moved).ok());
    QCOMPARE(round(*ouest).outcome, QStringLiteral("ok"));
    const Sync::Receipt estBefore = round(*est);
    QCOMPARE(estBefore.outcome, QStringLiteral("ok"));
    const QString estEpoch = estBefore.epoch;
    QVERIFY(!estEpoch.isEmpty());
    const auto estSums = deskChecksums(est->store->db());
    QVERIFY(estSums.ok());
    const qint64 estHeld = serverDeskLastSeq(est->store->desk().deskId);

    // Only OUEST is restored.
    QVERIFY2(cli({QStringLiteral("restore"), backup, QStringLiteral("--publisher"),
                  QStringLiteral("OUEST")},
                 &err),
             qPrintable(err));
    // EST's desk: nothing to pull, nothing sent again, the same rows. (The epoch is the database's:
    // the desk notes the new one, checks that the server holds all its operations, and goes on.)
    const Sync::Receipt r = round(*est);
    QVERIFY2(r.outcome == u"ok", qPrintable(r.outcome + u' ' + r.message));
    QCOMPARE(r.pulled, 0);
    QCOMPARE(r.pushed, 0);
    QCOMPARE(r.resent, 0);
    QVERIFY(r.epoch != estEpoch);
    QCOMPARE(*deskChecksums(est->store->db()), *estSums);
    QCOMPARE(est->live(QStringLiteral("subscriber")), 7);
    QCOMPARE(est->store->subscriberById(estRows[1].meta.id)->address.line4,
             QStringLiteral("2 place Stanislas"));
    QCOMPARE(serverDeskLastSeq(est->store->desk().deskId), estHeld);
    // OUEST's desk meets its restored publisher and sends back what it lost.
    for (int i = 0; i < 2; ++i)
        QCOMPARE(round(*ouest).outcome, QStringLiteral("ok"));
    QCOMPARE(ouest->live(QStringLiteral("subscriber")), 9);
    QCOMPARE(disagreement(*ouest), QString());
}

QTEST_GUILESS_MAIN(TestContinuity)
#include "tst_continuity.moc"

// The write path: row, audit and outbox operation in one transaction; only changed fields, each with
// its base value; a failure at any step leaves nothing behind.

#include "deskfixture.h"
#include "search.h"
#include "writepath.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Relais;
using Relais::Test::DeskFixture;

namespace {
qint64 count(Store &store, const QString &sql)
{
    QSqlQuery q(store.db());
    if (!q.exec(sql) || !q.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
    return q.value(0).toLongLong();
}
} // namespace

class tst_WritePath : public QObject
{
    Q_OBJECT
private slots:
    void createWritesRowAuditAndOperation();
    void updateSendsOnlyChangedFieldsWithBase();
    void noChangeWritesNothing();
    void failureInTheMiddleLeavesNothing_data();
    void failureInTheMiddleLeavesNothing();
    void deskSequenceIsContiguous();
    void bulkCreateWritesWhatApplyWrites();
    void unfinishedBulkCreateLeavesIndexingOn();
    void reservedColumnsRefused();
};

void tst_WritePath::createWritesRowAuditAndOperation()
{
    DeskFixture f;
    const qint64 opsBefore = count(f.store(), QStringLiteral("SELECT count(*) FROM outbox"));
    const Subscriber s = f.addPerson(QStringLiteral("Dupont"));
    QCOMPARE(count(f.store(), QStringLiteral("SELECT count(*) FROM subscriber")), 1);
    const auto ops = f.store().outbox();
    QCOMPARE(ops.size(), opsBefore + 1);
    const OutboxOperation &op = ops.last();
    QCOMPARE(op.operation, QStringLiteral("subscriber.create"));
    QCOMPARE(op.entity, QStringLiteral("subscriber"));
    QCOMPARE(op.entityId, s.meta.id);
    QCOMPARE(op.deskId, f.store().desk().deskId);
    QCOMPARE(op.clerk, QStringLiteral("test-clerk"));
    QCOMPARE(op.state, QStringLiteral("pending"));
    QVERIFY(!op.opId.isEmpty());
    const QJsonObject fields = QJsonDocument::fromJson(op.fields.toUtf8()).object();
    QCOMPARE(fields.value(QStringLiteral("last_name")).toString(), QStringLiteral("Dupont"));
    QCOMPARE(fields.value(QStringLiteral("number")).toInteger(), s.number);
    QVERIFY(QJsonDocument::fromJson(op.base.toUtf8()).object().isEmpty());
    const auto audit = f.store().auditOf({s.meta.id});
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().operation, QStringLiteral("subscriber.create"));
    QCOMPARE(audit.first().channel, ContactChannel::Phone);
    QCOMPARE(audit.first().clerk, QStringLiteral("test-clerk"));
}

void tst_WritePath::updateSendsOnlyChangedFieldsWithBase()
{
    DeskFixture f;
    Subscriber s = f.addPerson(QStringLiteral("Dupont"));
    s.address.line4 = QStringLiteral("3 avenue Foch");
    s.email = QStringLiteral("jean.dupont@example.fr");
    auto r = f.store().updateSubscriber(s);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().fullText()));
    const OutboxOperation op = f.store().outbox().last();
    QCOMPARE(op.operation, QStringLiteral("subscriber.update"));
    const QJsonObject fields = QJsonDocument::fromJson(op.fields.toUtf8()).object();
    const QJsonObject base = QJsonDocument::fromJson(op.base.toUtf8()).object();
    QCOMPARE(fields.keys(), (QStringList{QStringLiteral("email"), QStringLiteral("line4")}));
    QCOMPARE(fields.value(QStringLiteral("line4")).toString(), QStringLiteral("3 avenue Foch"));
    QCOMPARE(base.value(QStringLiteral("line4")).toString(), QStringLiteral("12 rue de la Paix"));
    QCOMPARE(base.value(QStringLiteral("email")).toString(), QString());
    const auto audit = f.store().auditOf({s.meta.id});
    QCOMPARE(audit.size(), 2);
    QVERIFY(audit.last().oldValues.contains(QStringLiteral("12 rue de la Paix")));
    QVERIFY(audit.last().newValues.contains(QStringLiteral("3 avenue Foch")));
}

void tst_WritePath::noChangeWritesNothing()
{
    DeskFixture f;
    const Subscriber s = f.addPerson(QStringLiteral("Dupont"));
    const qint64 ops = f.store().outbox().size();
    QVERIFY(f.store().updateSubscriber(s).ok());
    QCOMPARE(f.store().outbox().size(), ops);
    QCOMPARE(f.store().auditOf({s.meta.id}).size(), 1);
}

void tst_WritePath::failureInTheMiddleLeavesNothing_data()
{
    // The database refuses the change at each step of the write path in turn.
    QTest::addColumn<QString>("failingTable");
    QTest::newRow("row") << QStringLiteral("subscriber");
    QTest::newRow("audit") << QStringLiteral("audit");
    QTest::newRow("outbox") << QStringLiteral("outbox");
}

void tst_WritePath::failureInTheMiddleLeavesNothing()
{
    QFETCH(QString, failingTable);
    DeskFixture f;
    const qint64 ops = count(f.store(), QStringLiteral("SELECT count(*) FROM outbox"));
    const qint64 audits = count(f.store(), QStringLiteral("SELECT count(*) FROM audit"));
    const QString seqBefore = f.store().metaValue(QStringLiteral("desk_seq"));
    const QString numberBefore = f.store().metaValue(QStringLiteral("number_next"));
    QSqlQuery q(f.store().db());
    QVERIFY(q.exec(QStringLiteral("CREATE TEMP TRIGGER fail_%1 BEFORE INSERT ON main.%1 "
                                  "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END").arg(failingTable)));
    auto r = f.store().addSubscriber(DeskFixture::person(QStringLiteral("Martin")));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Storage);
    QVERIFY(r.error().message.contains(QStringLiteral("disk on fire")));
    QCOMPARE(count(f.store(), QStringLiteral("SELECT count(*) FROM subscriber")), 0);
    QCOMPARE(count(f.store(), QStringLiteral("SELECT count(*) FROM audit")), audits);
    QCOMPARE(count(f.store(), QStringLiteral("SELECT count(*) FROM outbox")), ops);
    QCOMPARE(f.store().metaValue(QStringLiteral("desk_seq")), seqBefore);
    QCOMPARE(f.store().metaValue(QStringLiteral("number_next")), numberBefore);
    QVERIFY(f.store().check().ok);
    // And the desk goes on once the fault is gone.
    QVERIFY(q.exec(QStringLiteral("DROP TRIGGER temp.fail_%1").arg(failingTable)));
    QVERIFY(f.store().addSubscriber(DeskFixture::person(QStringLiteral("Martin"))).ok());
}

void tst_WritePath::deskSequenceIsContiguous()
{
    DeskFixture f;
    for (int i = 0; i < 20; ++i)
        f.addPerson(QStringLiteral("Nom%1").arg(i));
    const auto ops = f.store().outbox();
    for (int i = 0; i < ops.size(); ++i)
        QCOMPARE(ops.at(i).seq, i + 1);
    QSet<QString> ids;
    for (const OutboxOperation &op : ops)
        ids.insert(op.opId);
    QCOMPARE(ids.size(), ops.size());
    QVERIFY(f.store().check().ok);
}

void tst_WritePath::bulkCreateWritesWhatApplyWrites()
{
    DeskFixture f;
    // The same subscriber through the form's path and through a bulk write of 450 (three batches).
    Subscriber one = DeskFixture::person(QStringLiteral("Lefèvre"), QStringLiteral("Zoé \"la\" 1er\t"));
    one.number = 7;
    one.publisherId = f.store().desk().publisherId;
    one.meta.id = newUuid();
    {
        Transaction tx(f.store().db());
        WritePath wp(f.store().db(), f.store().desk().deskId, f.store().actor());
        QVERIFY(wp.apply(Change{Change::Kind::Create, QStringLiteral("subscriber.create"), QStringLiteral("subscriber"),
                                one.meta.id, Rows::subscriber(one)}).ok());
        QVERIFY(tx.commit().ok());
    }
    const qint64 before = f.store().outbox().size();
    {
        Transaction tx(f.store().db());
        BulkCreate bulk(f.store().db(), f.store().desk().deskId, f.store().actor(), QStringLiteral("subscriber"),
                        QStringLiteral("subscriber.create"));
        for (int i = 0; i < 450; ++i) {
            Subscriber s = one;
            s.meta.id = newUuid();
            s.number = 1000 + i;
            QVERIFY(bulk.add(s.meta.id, Rows::subscriber(s)).ok());
        }
        QCOMPARE(bulk.pending(), 450 - 2 * BulkCreate::Batch);
        QVERIFY(bulk.finish().ok());
        QVERIFY(tx.commit().ok());
    }
    const auto ops = f.store().outbox();
    QCOMPARE(ops.size(), before + 450);
    for (int i = 0; i < ops.size(); ++i)
        QCOMPARE(ops.at(i).seq, i + 1);
    const OutboxOperation &viaApply = ops.at(before - 1);
    const OutboxOperation &viaBulk = ops.at(before);
    QCOMPARE(viaBulk.operation, viaApply.operation);
    QCOMPARE(viaBulk.base, viaApply.base);
    QString expected = viaApply.fields;
    expected.replace(QStringLiteral("\"number\":7"), QStringLiteral("\"number\":1000"));
    QCOMPARE(viaBulk.fields, expected);
    QCOMPARE(f.store().auditOf({viaBulk.entityId}).size(), 1);
    QVERIFY(f.store().check().ok);
    // The form's path continues the desk sequence after a bulk write.
    f.addPerson(QStringLiteral("Apres"));
    QCOMPARE(f.store().outbox().last().seq, before + 451);

    // The bulk rows were indexed for search in one go at the end, and indexing is back on.
    SubscriberSearch search(f.store().db());
    QCOMPARE(search.matches(QStringLiteral("lefevre zoe"), 1000).value().rows.size(), 451);
    QCOMPARE(search.matches(QStringLiteral("apres"), 10).value().rows.size(), 1);
    QCOMPARE(f.store().metaValue(QStringLiteral("search_index_deferred")), QString());
    QVERIFY(f.store().check().ok);
}

void tst_WritePath::unfinishedBulkCreateLeavesIndexingOn()
{
    DeskFixture f;
    {
        Transaction tx(f.store().db());
        BulkCreate bulk(f.store().db(), f.store().desk().deskId, f.store().actor(), QStringLiteral("subscriber"),
                        QStringLiteral("subscriber.create"));
        Subscriber s = DeskFixture::person(QStringLiteral("Perdu"));
        s.meta.id = newUuid();
        s.number = 5;
        s.publisherId = f.store().desk().publisherId;
        QVERIFY(bulk.add(s.meta.id, Rows::subscriber(s)).ok());
        QCOMPARE(f.store().metaValue(QStringLiteral("search_index_deferred")), QStringLiteral("1"));
        // An error: no finish(), the transaction is rolled back.
    }
    QCOMPARE(f.store().metaValue(QStringLiteral("search_index_deferred")), QString());
    QVERIFY(!f.store().subscriberByNumber(5));
    f.addPerson(QStringLiteral("Trouve"));
    QCOMPARE(SubscriberSearch(f.store().db()).matches(QStringLiteral("trouve"), 10).value().rows.size(), 1);
}

void tst_WritePath::reservedColumnsRefused()
{
    DeskFixture f;
    Transaction tx(f.store().db());
    WritePath wp(f.store().db(), f.store().desk().deskId, Actor{QStringLiteral("x")});
    auto r = wp.apply(Change{Change::Kind::Update, QStringLiteral("subscriber.update"), QStringLiteral("subscriber"),
                             QStringLiteral("nope"), {{QStringLiteral("rev"), 99}}});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("write.column"));
    auto r2 = wp.apply(Change{Change::Kind::Create, QStringLiteral("x"), QStringLiteral("meta"),
                              QStringLiteral("k"), {{QStringLiteral("value"), 1}}});
    QVERIFY(!r2.ok());
    QCOMPARE(r2.error().code, QStringLiteral("write.table"));
}

QTEST_GUILESS_MAIN(tst_WritePath)
#include "tst_writepath.moc"

// The write path: row, audit and outbox operation in one transaction; only changed fields, each with
// its base value (the one the clerk saw, not the one found at commit); a cleared value as JSON null;
// a failure at any step leaves nothing behind, and says so in words a clerk understands.

#include "deskfixture.h"
#include "search.h"
#include "writepath.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
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

// What a pull from the server does to a row: written directly, no audit, no outbox operation.
void pull(Store &store, const QString &table, const QString &id, const QString &column,
          const QVariant &value)
{
    QSqlQuery q(store.db());
    q.prepare(QStringLiteral("UPDATE %1 SET %2 = ? WHERE id = ?").arg(table, column));
    q.addBindValue(value);
    q.addBindValue(id);
    if (!q.exec() || q.numRowsAffected() != 1)
        qFatal("pull %s.%s: %s", qPrintable(table), qPrintable(column),
               qPrintable(q.lastError().text()));
}

QJsonObject object(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

QString column(Store &store, const QString &table, const QString &id, const QString &col)
{
    QSqlQuery q(store.db());
    q.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(col, table));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        qFatal("%s", qPrintable(q.lastError().text()));
    return q.value(0).toString();
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
    void nullIsJsonNull_data();
    void nullIsJsonNull();
    void restartSendsClearedDateAsNull();
    void updateCarriesTheBaseTheClerkSaw_data();
    void updateCarriesTheBaseTheClerkSaw();
    void subscriptionChangesCarryTheBaseTheClerkSaw();
    void holdChangesCarryTheBaseTheClerkSaw();
    void storageErrorsReadAsSentences_data();
    void storageErrorsReadAsSentences();
    void busyDatabaseSaysSoAndLosesNothing();
    void duplicateNumberFromAnotherConnectionIsAConflict();
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
                                  "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
                       .arg(failingTable)));
    auto r = f.store().addSubscriber(DeskFixture::person(QStringLiteral("Martin")));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Storage);
    // The clerk reads a sentence; the database's own words are kept for the log.
    QVERIFY(!r.error().message.contains(QStringLiteral("disk on fire")));
    QVERIFY(r.error().detail.contains(QStringLiteral("disk on fire")));
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
    Subscriber one = DeskFixture::person(QStringLiteral("Lefèvre"),
                                         QStringLiteral("Zoé \"la\" 1er\t"));
    one.number = 7;
    one.publisherId = f.store().desk().publisherId;
    one.meta.id = newUuid();
    {
        Transaction tx(f.store().db());
        WritePath wp(f.store().db(), f.store().desk().deskId, f.store().actor());
        QVERIFY(wp.apply(Change{Change::Kind::Create, QStringLiteral("subscriber.create"),
                                QStringLiteral("subscriber"), one.meta.id, Rows::subscriber(one)})
                    .ok());
        QVERIFY(tx.commit().ok());
    }
    const qint64 before = f.store().outbox().size();
    {
        Transaction tx(f.store().db());
        BulkCreate bulk(f.store().db(), f.store().desk().deskId, f.store().actor(),
                        QStringLiteral("subscriber"), QStringLiteral("subscriber.create"));
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
        BulkCreate bulk(f.store().db(), f.store().desk().deskId, f.store().actor(),
                        QStringLiteral("subscriber"), QStringLiteral("subscriber.create"));
        Subscriber s = DeskFixture::person(QStringLiteral("Perdu"));
        s.meta.id = newUuid();
        s.number = 5;
        s.publisherId = f.store().desk().publisherId;
        QVERIFY(bulk.add(s.meta.id, Rows::subscriber(s)).ok());
        // Set aside above the highest seq the index held (none yet).
        QCOMPARE(f.store().metaValue(QStringLiteral("search_index_deferred")), QStringLiteral("0"));
        // An error: no finish(), the transaction is rolled back.
    }
    QCOMPARE(f.store().metaValue(QStringLiteral("search_index_deferred")), QString());
    QVERIFY(!f.store().subscriberByNumber(5));
    f.addPerson(QStringLiteral("Trouve"));
    QCOMPARE(SubscriberSearch(f.store().db())
                 .matches(QStringLiteral("trouve"), 10)
                 .value()
                 .rows.size(),
             1);
}

void tst_WritePath::reservedColumnsRefused()
{
    DeskFixture f;
    Transaction tx(f.store().db());
    WritePath wp(f.store().db(), f.store().desk().deskId, Actor{QStringLiteral("x")});
    auto r = wp.apply(Change{Change::Kind::Update,
                             QStringLiteral("subscriber.update"),
                             QStringLiteral("subscriber"),
                             QStringLiteral("nope"),
                             {{QStringLiteral("rev"), 99}}});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("write.column"));
    auto r2 = wp.apply(Change{Change::Kind::Create,
                              QStringLiteral("x"),
                              QStringLiteral("meta"),
                              QStringLiteral("k"),
                              {{QStringLiteral("value"), 1}}});
    QVERIFY(!r2.ok());
    QCOMPARE(r2.error().code, QStringLiteral("write.table"));
}

void tst_WritePath::nullIsJsonNull_data()
{
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("json");
    QTest::newRow("null variant") << QVariant() << QStringLiteral("null");
    QTest::newRow("null QString") << QVariant(QString()) << QStringLiteral("null");
    QTest::newRow("cleared date") << Rows::date(QDate()) << QStringLiteral("null");
    QTest::newRow("empty text") << QVariant(QStringLiteral("")) << QStringLiteral("\"\"");
    QTest::newRow("date") << Rows::date(QDate(2026, 5, 1)) << QStringLiteral("\"2026-05-01\"");
    QTest::newRow("integer") << QVariant(0) << QStringLiteral("0");
    // Escaped as QJsonDocument escapes them (\b and \f by name), not as the digests do.
    QTest::newRow("control characters")
        << QVariant(QStringLiteral("a\b\f\t\n\r\x01\"\\\u00e9"))
        << QStringLiteral("\"a\\b\\f\\t\\n\\r\\u0001\\\"\\\\\u00e9\"");
}

void tst_WritePath::nullIsJsonNull()
{
    QFETCH(QVariant, value);
    QFETCH(QString, json);
    const QVariantMap map{{QStringLiteral("a"), 1}, {QStringLiteral("cancel_date"), value}};
    const QString expected = QStringLiteral("{\"a\":1,\"cancel_date\":%1}").arg(json);
    QCOMPARE(toJson(map), expected);
    QCOMPARE(rowJson(map), expected); // the bulk path writes the same bytes
}

void tst_WritePath::restartSendsClearedDateAsNull()
{
    DeskFixture f;
    const Subscriber s = f.addPerson(QStringLiteral("Dupont"));
    const Subscription sub = f.subscribe(s, QDate(2026, 1, 1));
    QVERIFY(
        f.store().cancelSubscription(sub.meta.id, QDate(2026, 5, 1), QStringLiteral("Prix")).ok());
    auto restarted = f.store().restartSubscription(*f.store().subscriptionById(sub.meta.id));
    QVERIFY2(restarted.ok(), qPrintable(restarted.ok() ? QString() : restarted.error().fullText()));
    const OutboxOperation op = f.store().outbox().last();
    QCOMPARE(op.operation, QStringLiteral("subscription.restart"));
    const QJsonObject fields = object(op.fields);
    const QJsonObject base = object(op.base);
    QCOMPARE(fields.keys(),
             (QStringList{QStringLiteral("cancel_date"), QStringLiteral("cancel_reason")}));
    QVERIFY(fields.value(QStringLiteral("cancel_date")).isNull()); // cleared, not ""
    QCOMPARE(fields.value(QStringLiteral("cancel_reason")).toString(), QString());
    QCOMPARE(base.value(QStringLiteral("cancel_date")).toString(), QStringLiteral("2026-05-01"));
    QCOMPARE(base.value(QStringLiteral("cancel_reason")).toString(), QStringLiteral("Prix"));
    QVERIFY(op.fields.contains(QStringLiteral("\"cancel_date\":null")));
    const auto audit = f.store().auditOf({sub.meta.id});
    QVERIFY(audit.last().newValues.contains(QStringLiteral("\"cancel_date\":null")));
    // The row is NULL again, as the server's will be.
    QSqlQuery q(f.store().db());
    QVERIFY(q.exec(QStringLiteral("SELECT cancel_date IS NULL FROM subscription WHERE id = '%1'")
                       .arg(sub.meta.id)));
    QVERIFY(q.next() && q.value(0).toBool());
}

void tst_WritePath::updateCarriesTheBaseTheClerkSaw_data()
{
    // Between the moment the record was loaded and the save, a pull changes one column of the row.
    QTest::addColumn<QString>("pulledColumn");
    QTest::addColumn<QString>("pulledValue");
    QTest::newRow("another field") << QStringLiteral("email") << QStringLiteral("pris@serveur.fr");
    QTest::newRow("the same field")
        << QStringLiteral("line4") << QStringLiteral("5 rue du Serveur");
    QTest::newRow("nothing") << QString() << QString();
}

void tst_WritePath::updateCarriesTheBaseTheClerkSaw()
{
    QFETCH(QString, pulledColumn);
    QFETCH(QString, pulledValue);
    DeskFixture f;
    const Subscriber seen = f.addPerson(QStringLiteral("Dupont"));
    const qint64 ops = f.store().outbox().size();
    if (!pulledColumn.isEmpty())
        pull(f.store(), QStringLiteral("subscriber"), seen.meta.id, pulledColumn, pulledValue);
    Subscriber edited = seen; // the form, as the clerk typed
    edited.address.line4 = QStringLiteral("3 avenue Foch");
    auto r = f.store().updateSubscriber(edited, seen);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().fullText()));

    // Only what the clerk changed, with the value the clerk saw as its base.
    QCOMPARE(f.store().outbox().size(), ops + 1);
    const OutboxOperation op = f.store().outbox().last();
    QCOMPARE(op.operation, QStringLiteral("subscriber.update"));
    QCOMPARE(object(op.fields).keys(), QStringList{QStringLiteral("line4")});
    QCOMPARE(object(op.fields).value(QStringLiteral("line4")).toString(),
             QStringLiteral("3 avenue Foch"));
    QCOMPARE(object(op.base).keys(), QStringList{QStringLiteral("line4")});
    QCOMPARE(object(op.base).value(QStringLiteral("line4")).toString(),
             QStringLiteral("12 rue de la Paix"));
    QCOMPARE(r->address.line4, QStringLiteral("3 avenue Foch"));
    if (pulledColumn == u"email") // the pulled change is not undone
        QCOMPARE(r->email, pulledValue);
    // A field changed on both sides: the base is not what the desk held at the save, so the
    // server's field-by-field check reports the conflict instead of taking the clerk's value blindly.
    if (pulledColumn == u"line4")
        QVERIFY(object(op.base).value(QStringLiteral("line4")).toString() != pulledValue);
    QCOMPARE(object(f.store().auditOf({seen.meta.id}).last().oldValues).keys(),
             QStringList{QStringLiteral("line4")});

    // Saving the same form again changes nothing: only differences from what was seen count.
    const auto again = f.store().updateSubscriber(edited, edited);
    QVERIFY(again.ok());
    QCOMPARE(f.store().outbox().size(), ops + 1);
}

void tst_WritePath::subscriptionChangesCarryTheBaseTheClerkSaw()
{
    DeskFixture f;
    const Subscriber s = f.addPerson(QStringLiteral("Dupont"));
    const Subscription seen = f.subscribe(s, QDate(2026, 1, 1)); // ends 2026-12-31
    // Another desk changed the copies meanwhile; the cancel must neither undo it nor send it.
    pull(f.store(), QStringLiteral("subscription"), seen.meta.id, QStringLiteral("copies"), 3);
    auto cancelled = f.store().cancelSubscription(seen, QDate(2026, 6, 1), QStringLiteral("Prix"));
    QVERIFY2(cancelled.ok(), qPrintable(cancelled.ok() ? QString() : cancelled.error().fullText()));
    QCOMPARE(cancelled->copies, 3);
    OutboxOperation op = f.store().outbox().last();
    QCOMPARE(op.operation, QStringLiteral("subscription.cancel"));
    QCOMPARE(object(op.fields).keys(),
             (QStringList{QStringLiteral("cancel_date"), QStringLiteral("cancel_reason")}));
    QVERIFY(object(op.base).value(QStringLiteral("cancel_date")).isNull());

    // Restart, then renew with the end date moved meanwhile: the base is the end the clerk saw.
    const Subscription cancelledSeen = *f.store().subscriptionById(seen.meta.id);
    QVERIFY(f.store().restartSubscription(cancelledSeen).ok());
    const Subscription renewSeen = *f.store().subscriptionById(seen.meta.id);
    pull(f.store(), QStringLiteral("subscription"), seen.meta.id, QStringLiteral("end_date"),
         QStringLiteral("2027-03-31"));
    auto renewed = f.store().renewSubscription(renewSeen);
    QVERIFY(renewed.ok());
    op = f.store().outbox().last();
    QCOMPARE(op.operation, QStringLiteral("subscription.renew"));
    QCOMPARE(object(op.fields).keys(), QStringList{QStringLiteral("end_date")});
    QCOMPARE(object(op.base).value(QStringLiteral("end_date")).toString(),
             QStringLiteral("2026-12-31"));
    QCOMPARE(object(op.fields).value(QStringLiteral("end_date")).toString(),
             QStringLiteral("2028-03-31"));
    QCOMPARE(column(f.store(), QStringLiteral("subscription"), seen.meta.id,
                    QStringLiteral("copies")),
             QStringLiteral("3"));
}

void tst_WritePath::holdChangesCarryTheBaseTheClerkSaw()
{
    DeskFixture f;
    const Subscriber s = f.addPerson(QStringLiteral("Dupont"));
    const Subscription sub = f.subscribe(s, QDate(2026, 1, 1), QDate(2026, 12, 31));
    DeliveryChange hold;
    hold.subscriptionId = sub.meta.id;
    hold.kind = DeliveryChangeKind::Hold;
    hold.from = QDate(2026, 8, 3); // Monday
    hold.to = QDate(2026, 8, 4);
    hold.compensation = HoldCompensation::ExtendEnd;
    auto added = f.store().addDeliveryChange(hold, sub);
    QVERIFY(added.ok());
    const Subscription subSeen = *f.store().subscriptionById(sub.meta.id);
    QCOMPARE(subSeen.end, QDate(2027, 1, 2)); // two issues given back
    const DeliveryChange holdSeen = *f.store().deliveryChangeById(added->meta.id);
    // A pull moves the copies of the subscription and nothing else.
    pull(f.store(), QStringLiteral("subscription"), sub.meta.id, QStringLiteral("copies"), 2);
    auto changed = f.store().changeDeliveryChange(holdSeen, subSeen, QDate(2026, 8, 3),
                                                  QDate(2026, 8, 5));
    QVERIFY2(changed.ok(), qPrintable(changed.ok() ? QString() : changed.error().fullText()));
    const auto ops = f.store().outbox();
    const OutboxOperation &update = ops.at(ops.size() - 2);
    const OutboxOperation &extend = ops.last();
    QCOMPARE(update.operation, QStringLiteral("hold.update"));
    QCOMPARE(object(update.fields).keys(), QStringList{QStringLiteral("to_date")});
    QCOMPARE(object(update.base).value(QStringLiteral("to_date")).toString(),
             QStringLiteral("2026-08-04"));
    QCOMPARE(extend.operation, QStringLiteral("subscription.extend"));
    QCOMPARE(object(extend.fields).keys(), QStringList{QStringLiteral("end_date")});
    QCOMPARE(object(extend.base).value(QStringLiteral("end_date")).toString(),
             QStringLiteral("2027-01-02"));
    QCOMPARE(object(extend.fields).value(QStringLiteral("end_date")).toString(),
             QStringLiteral("2027-01-04"));
    QCOMPARE(column(f.store(), QStringLiteral("subscription"), sub.meta.id,
                    QStringLiteral("copies")),
             QStringLiteral("2"));

    QVERIFY(f.store()
                .removeDeliveryChange(*f.store().deliveryChangeById(added->meta.id),
                                      *f.store().subscriptionById(sub.meta.id))
                .ok());
    const OutboxOperation removal = f.store().outbox().at(f.store().outbox().size() - 2);
    QCOMPARE(removal.operation, QStringLiteral("hold.delete"));
    QCOMPARE(object(removal.fields).keys(), QStringList{QStringLiteral("deleted")});
    QCOMPARE(object(removal.base).value(QStringLiteral("deleted")).toInt(), 0);
    QCOMPARE(f.store().subscriptionById(sub.meta.id)->end, QDate(2026, 12, 31));
}

void tst_WritePath::storageErrorsReadAsSentences_data()
{
    QTest::addColumn<QString>("driverText");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("kind");
    QTest::newRow("busy") << QStringLiteral("database is locked Unable to fetch row")
                          << QStringLiteral("storage.busy") << int(ErrorKind::Storage);
    QTest::newRow("table locked") << QStringLiteral("database table is locked")
                                  << QStringLiteral("storage.busy") << int(ErrorKind::Storage);
    QTest::newRow("unique") << QStringLiteral("UNIQUE constraint failed: subscriber.number")
                            << QStringLiteral("storage.duplicate") << int(ErrorKind::Conflict);
    QTest::newRow("disk full") << QStringLiteral("database or disk is full")
                               << QStringLiteral("storage.full") << int(ErrorKind::Storage);
    QTest::newRow("read-only") << QStringLiteral("attempt to write a readonly database")
                               << QStringLiteral("storage.read_only") << int(ErrorKind::Storage);
    QTest::newRow("i/o") << QStringLiteral("disk I/O error") << QStringLiteral("storage.io")
                         << int(ErrorKind::Storage);
    QTest::newRow("damaged") << QStringLiteral("database disk image is malformed")
                             << QStringLiteral("storage.corrupt") << int(ErrorKind::Storage);
    QTest::newRow("other") << QStringLiteral("NOT NULL constraint failed: subscriber.city")
                           << QStringLiteral("storage") << int(ErrorKind::Storage);
}

void tst_WritePath::storageErrorsReadAsSentences()
{
    QFETCH(QString, driverText);
    QFETCH(QString, code);
    QFETCH(int, kind);
    const Error e = storageError(QStringLiteral("subscriber.update"), driverText);
    QCOMPARE(e.code, code);
    QCOMPARE(int(e.kind), kind);
    QVERIFY(!e.message.isEmpty());
    QVERIFY2(!e.message.contains(driverText), qPrintable(e.message));
    QVERIFY(!e.message.contains(QStringLiteral("subscriber.update")));
    QVERIFY(e.detail.contains(driverText));
    QVERIFY(e.detail.contains(QStringLiteral("subscriber.update")));
}

void tst_WritePath::busyDatabaseSaysSoAndLosesNothing()
{
    DeskFixture f;
    const Subscriber s = f.addPerson(QStringLiteral("Dupont"));
    const qint64 ops = f.store().outbox().size();
    // Another connection (an import, the sync worker) holds the write lock past the busy timeout,
    // shortened here so that the test does not wait five seconds.
    auto other = Database::open(f.store().path());
    QVERIFY(other.ok());
    QSqlQuery lock(other.value().db());
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    QSqlQuery shorter(f.store().db());
    QVERIFY(shorter.exec(QStringLiteral("PRAGMA busy_timeout = 200")));
    Subscriber edited = s;
    edited.email = QStringLiteral("jean@example.fr");
    auto r = f.store().updateSubscriber(edited, s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("storage.busy"));
    QVERIFY2(!r.error().message.contains(QStringLiteral("locked")), qPrintable(r.error().message));
    QVERIFY2(r.error().detail.contains(QStringLiteral("locked")), qPrintable(r.error().detail));
    QCOMPARE(f.store().outbox().size(), ops);
    // Once the other task is done, the same save goes through.
    QVERIFY(lock.exec(QStringLiteral("COMMIT")));
    QVERIFY(f.store().updateSubscriber(edited, s).ok());
    QCOMPARE(f.store().outbox().size(), ops + 1);
}

void tst_WritePath::duplicateNumberFromAnotherConnectionIsAConflict()
{
    DeskFixture f;
    const Subscriber first = f.addPerson(QStringLiteral("Dupont"));
    // A row written past the store's own check (as a second connection could between a check and
    // a write, were the check outside the transaction): the database's UNIQUE refusal reads as a
    // conflict, not as SQLite's words.
    Subscriber twin = DeskFixture::person(QStringLiteral("Martin"));
    twin.meta.id = newUuid();
    twin.number = first.number;
    twin.publisherId = f.store().desk().publisherId;
    Transaction tx(f.store().db());
    auto r = WritePath(f.store().db(), f.store().desk().deskId, f.store().actor())
                 .apply(Change{Change::Kind::Create, QStringLiteral("subscriber.create"),
                               QStringLiteral("subscriber"), twin.meta.id, Rows::subscriber(twin)});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("storage.duplicate"));
    QCOMPARE(r.error().kind, ErrorKind::Conflict);
    QVERIFY(!r.error().message.contains(QStringLiteral("UNIQUE")));
    QVERIFY(r.error().detail.contains(QStringLiteral("UNIQUE")));
}

QTEST_GUILESS_MAIN(tst_WritePath)
#include "tst_writepath.moc"

// Business operations of the desk store: validation reasons, numbers, subscriptions, holds and
// holiday addresses (overlaps refused), cancellation, renewal, restart, complaints.

#include "deskfixture.h"

#include <QTest>

using namespace Relais;
using Relais::Test::DeskFixture;

namespace {
QDate d(const char *iso)
{
    return QDate::fromString(QString::fromLatin1(iso), Qt::ISODate);
}
} // namespace

class tst_Store : public QObject
{
    Q_OBJECT
private slots:
    void invalidSubscriberRefusedWithFields();
    void numbersAreSequentialAndNeverReused();
    void numberBlockExhausted();
    void subscriptionDefaultsEndFromOffer();
    void subscriptionValidation();
    void payerMayDiffer();
    void overlappingChangesRefused_data();
    void overlappingChangesRefused();
    void holdWithExtensionPushesEnd();
    void changeAndRemoveHolds();
    void cancelRules();
    void renewAndRestart();
    void complaintCompensation();
    void temporaryAddressValidated();
    void catalogueDuplicates();
    void statusDerived();
};

void tst_Store::invalidSubscriberRefusedWithFields()
{
    DeskFixture f;
    Subscriber s = DeskFixture::person(QStringLiteral("Dupont"));
    s.address.line4 = QString(39, u'x');
    s.address.city = QStringLiteral("LYON");
    auto r = f.store().addSubscriber(s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Invalid);
    QStringList fields;
    for (const Issue &i : r.error().issues)
        fields << i.field;
    QVERIFY2(fields.contains(QStringLiteral("line4")), qPrintable(fields.join(u',')));
    QVERIFY2(fields.contains(QStringLiteral("city")), qPrintable(fields.join(u',')));
    QCOMPARE(f.store().outbox().size(), 2); // the fixture's title and offer only
}

void tst_Store::numbersAreSequentialAndNeverReused()
{
    DeskFixture f;
    const Subscriber a = f.addPerson(QStringLiteral("A"));
    const Subscriber b = f.addPerson(QStringLiteral("B"));
    QCOMPARE(b.number, a.number + 1);
    Subscriber c = DeskFixture::person(QStringLiteral("C"));
    c.number = a.number;
    auto r = f.store().addSubscriber(c);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("number.duplicate"));
    // An update never renumbers.
    Subscriber moved = b;
    moved.number = 999;
    moved.address.line4 = QStringLiteral("1 rue Neuve");
    auto u = f.store().updateSubscriber(moved);
    QVERIFY(u.ok());
    QCOMPARE(u.value().number, b.number);
}

void tst_Store::numberBlockExhausted()
{
    DeskFixture f;
    QVERIFY(f.store().setMetaValue(QStringLiteral("number_next"), QStringLiteral("500")).ok());
    QVERIFY(f.store().setMetaValue(QStringLiteral("number_end"), QStringLiteral("501")).ok());
    QCOMPARE(f.addPerson(QStringLiteral("A")).number, 500);
    QCOMPARE(f.addPerson(QStringLiteral("B")).number, 501);
    // Offline with the block used up: still created, with a number pending (negative, local) that
    // the next sync replaces before the creation leaves the desk.
    QCOMPARE(f.addPerson(QStringLiteral("C")).number, -1);
    QCOMPARE(f.addPerson(QStringLiteral("D")).number, -2);
    // A block leased in advance takes over when the current one is used up.
    QVERIFY(
        f.store().setMetaValue(QStringLiteral("number_reserve"), QStringLiteral("900:901")).ok());
    QCOMPARE(f.addPerson(QStringLiteral("E")).number, 900);
    QCOMPARE(f.store().metaValue(QStringLiteral("number_reserve")), QString());
    QCOMPARE(f.addPerson(QStringLiteral("F")).number, 901);
    QCOMPARE(f.addPerson(QStringLiteral("G")).number, -3);
}

void tst_Store::subscriptionDefaultsEndFromOffer()
{
    DeskFixture f;
    const Subscription s = f.subscribe(f.addPerson(QStringLiteral("A")), d("2026-03-01"));
    QCOMPARE(s.end, d("2027-02-28"));
    QCOMPARE(s.publicationId, f.daily().meta.id);
    QCOMPARE(s.payerId, s.recipientId);
}

void tst_Store::subscriptionValidation()
{
    DeskFixture f;
    const Subscriber a = f.addPerson(QStringLiteral("A"));
    Subscription s;
    s.recipientId = a.meta.id;
    s.offerId = f.dailyOffer().meta.id;
    s.start = d("2026-03-10");
    s.end = d("2026-03-09");
    s.copies = 0;
    auto r = f.store().addSubscription(s);
    QVERIFY(!r.ok());
    QStringList rules;
    for (const Issue &i : r.error().issues)
        rules << i.field + u':' + i.rule;
    QVERIFY2(rules.contains(QStringLiteral("end:date.range")), qPrintable(rules.join(u' ')));
    QVERIFY2(rules.contains(QStringLiteral("copies:copies.range")), qPrintable(rules.join(u' ')));
    s = {};
    s.recipientId = QStringLiteral("nobody");
    s.offerId = QStringLiteral("nothing");
    r = f.store().addSubscription(s);
    QVERIFY(!r.ok());
    rules.clear();
    for (const Issue &i : r.error().issues)
        rules << i.field + u':' + i.rule;
    QVERIFY(rules.contains(QStringLiteral("offer:offer.unknown")));
    QVERIFY(rules.contains(QStringLiteral("subscriber:subscriber.unknown")));
    QVERIFY(rules.contains(QStringLiteral("start:date.invalid")));
}

void tst_Store::payerMayDiffer()
{
    DeskFixture f;
    const Subscriber reader = f.addPerson(QStringLiteral("Lecteur"));
    const Subscriber company = f.addPerson(QStringLiteral("Employeur"));
    Subscription s;
    s.recipientId = reader.meta.id;
    s.payerId = company.meta.id;
    s.offerId = f.dailyOffer().meta.id;
    s.start = d("2026-01-05");
    auto r = f.store().addSubscription(s);
    QVERIFY(r.ok());
    QCOMPARE(r.value().payerId, company.meta.id);
    QCOMPARE(f.store().subscriptionsOf(company.meta.id).size(), 1);
    QCOMPARE(f.store().subscriptionsOf(reader.meta.id).size(), 1);
}

void tst_Store::overlappingChangesRefused_data()
{
    // An existing hold from 2026-07-10 to 2026-07-20; a second change from..to, of either kind.
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<bool>("holidayAddress");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("ends the day before") << d("2026-07-01") << d("2026-07-09") << false << true;
    QTest::newRow("ends on the first day") << d("2026-07-01") << d("2026-07-10") << false << false;
    QTest::newRow("inside") << d("2026-07-12") << d("2026-07-13") << false << false;
    QTest::newRow("around") << d("2026-07-01") << d("2026-07-31") << false << false;
    QTest::newRow("starts on the last day") << d("2026-07-20") << d("2026-07-25") << false << false;
    QTest::newRow("starts the day after") << d("2026-07-21") << d("2026-07-25") << false << true;
    QTest::newRow("holiday address overlapping")
        << d("2026-07-15") << d("2026-07-25") << true << false;
    QTest::newRow("holiday address after") << d("2026-07-21") << d("2026-08-25") << true << true;
}

void tst_Store::overlappingChangesRefused()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(bool, holidayAddress);
    QFETCH(bool, accepted);
    DeskFixture f;
    const Subscription sub = f.subscribe(f.addPerson(QStringLiteral("A")), d("2026-01-05"));
    DeliveryChange hold;
    hold.subscriptionId = sub.meta.id;
    hold.from = d("2026-07-10");
    hold.to = d("2026-07-20");
    QVERIFY(f.store().addDeliveryChange(hold).ok());
    DeliveryChange c;
    c.subscriptionId = sub.meta.id;
    c.from = from;
    c.to = to;
    if (holidayAddress) {
        c.kind = DeliveryChangeKind::TemporaryAddress;
        c.address.line4 = QStringLiteral("4 chemin des Dunes");
        c.address.postalCode = QStringLiteral("17580");
        c.address.city = QStringLiteral("Le Bois-Plage-en-Ré");
    }
    const qint64 ops = f.store().outbox().size();
    auto r = f.store().addDeliveryChange(c);
    QCOMPARE(r.ok(), accepted);
    if (!accepted) {
        QCOMPARE(r.error().code, QStringLiteral("range.overlap"));
        // Dates as a French clerk reads them, not the ISO form of the files.
        QVERIFY2(r.error().message.contains(QStringLiteral("10/07/2026")),
                 qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(QStringLiteral("20/07/2026")),
                 qPrintable(r.error().message));
        QCOMPARE(f.store().outbox().size(), ops);
        QCOMPARE(f.store().deliveryChangesOf(sub.meta.id).size(), 1);
    } else {
        QCOMPARE(f.store().deliveryChangesOf(sub.meta.id).size(), 2);
    }
}

void tst_Store::holdWithExtensionPushesEnd()
{
    DeskFixture f;
    const Subscription sub = f.subscribe(f.addPerson(QStringLiteral("A")), d("2026-01-05"),
                                         d("2026-12-31"));
    DeliveryChange hold;
    hold.subscriptionId = sub.meta.id;
    hold.from = d("2026-08-03"); // Monday
    hold.to = d("2026-08-09");   // Sunday: six issues missed (Monday to Saturday)
    hold.compensation = HoldCompensation::ExtendEnd;
    QVERIFY(f.store().addDeliveryChange(hold).ok());
    // 2026-12-31 is a Thursday; six issues later: Fri 1, Sat 2, Mon 4, Tue 5, Wed 6, Thu 7 January.
    QCOMPARE(f.store().subscriptionById(sub.meta.id)->end, d("2027-01-07"));
    const auto ops = f.store().outbox();
    QCOMPARE(ops.at(ops.size() - 2).operation, QStringLiteral("hold.create"));
    QCOMPARE(ops.last().operation, QStringLiteral("subscription.extend"));
}

void tst_Store::changeAndRemoveHolds()
{
    DeskFixture f;
    const Subscription sub = f.subscribe(f.addPerson(QStringLiteral("A")), d("2026-01-05"),
                                         d("2026-12-31"));
    DeliveryChange hold;
    hold.subscriptionId = sub.meta.id;
    hold.from = d("2026-08-03"); // Monday
    hold.to = d("2026-08-09");   // six issues missed, given back: end 2027-01-07
    hold.compensation = HoldCompensation::ExtendEnd;
    const auto added = f.store().addDeliveryChange(hold);
    QVERIFY(added.ok());
    QCOMPARE(f.store().subscriptionById(sub.meta.id)->end, d("2027-01-07"));
    DeliveryChange other;
    other.subscriptionId = sub.meta.id;
    other.from = d("2026-09-01");
    other.to = d("2026-09-05");
    const auto second = f.store().addDeliveryChange(other);
    QVERIFY(second.ok());

    // Back early: the hold ends on Wednesday, three issues missed, three taken back.
    auto changed = f.store().changeDeliveryChange(added.value().meta.id, d("2026-08-03"),
                                                  d("2026-08-05"));
    QVERIFY2(changed.ok(), qPrintable(changed.ok() ? QString() : changed.error().fullText()));
    QCOMPARE(changed.value().to, d("2026-08-05"));
    QCOMPARE(f.store().subscriptionById(sub.meta.id)->end, d("2027-01-04"));
    QCOMPARE(f.store().outbox().at(f.store().outbox().size() - 2).operation,
             QStringLiteral("hold.update"));

    // New dates are checked like new holds.
    auto overlap = f.store().changeDeliveryChange(added.value().meta.id, d("2026-08-03"),
                                                  d("2026-09-02"));
    QVERIFY(!overlap.ok());
    QCOMPARE(overlap.error().code, QStringLiteral("range.overlap"));
    auto backwards = f.store().changeDeliveryChange(added.value().meta.id, d("2026-08-05"),
                                                    d("2026-08-03"));
    QVERIFY(!backwards.ok());
    QCOMPARE(backwards.error().issues.first().rule, QStringLiteral("date.range"));

    // Removed: delivered again, the end of term back where it was, the removal queued for sync.
    QVERIFY(f.store().removeDeliveryChange(added.value().meta.id).ok());
    QCOMPARE(f.store().subscriptionById(sub.meta.id)->end, d("2026-12-31"));
    QCOMPARE(f.store().deliveryChangesOf(sub.meta.id).size(), 1);
    const auto ops = f.store().outbox();
    QCOMPARE(ops.at(ops.size() - 2).operation, QStringLiteral("hold.delete"));
    QVERIFY(ops.at(ops.size() - 2).fields.contains(QStringLiteral("\"deleted\":1")));
    QCOMPARE(subscriptionStatusOn(*f.store().subscriptionById(sub.meta.id), d("2026-08-04"),
                                  f.store().deliveryChangesOf(sub.meta.id)),
             SubscriptionStatus::Active);
    QVERIFY(!f.store().removeDeliveryChange(added.value().meta.id).ok()); // already gone
    // A hold without compensation leaves the end alone.
    QVERIFY(f.store().removeDeliveryChange(second.value().meta.id).ok());
    QCOMPARE(f.store().subscriptionById(sub.meta.id)->end, d("2026-12-31"));
}

void tst_Store::cancelRules()
{
    DeskFixture f;
    const Subscription sub = f.subscribe(f.addPerson(QStringLiteral("A")), d("2026-01-05"));
    auto noReason = f.store().cancelSubscription(sub.meta.id, d("2026-05-01"), QString());
    QVERIFY(!noReason.ok());
    QCOMPARE(noReason.error().issues.first().field, QStringLiteral("reason"));
    auto beforeStart = f.store().cancelSubscription(sub.meta.id, d("2025-12-01"),
                                                    QStringLiteral("Prix"));
    QVERIFY(!beforeStart.ok());
    auto ok = f.store().cancelSubscription(sub.meta.id, d("2026-05-01"),
                                           QStringLiteral("Déménagement"));
    QVERIFY(ok.ok());
    QCOMPARE(ok.value().cancelDate, d("2026-05-01"));
    QCOMPARE(ok.value().cancelReason, QStringLiteral("Déménagement"));
    auto twice = f.store().cancelSubscription(sub.meta.id, d("2026-06-01"), QStringLiteral("Prix"));
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().code, QStringLiteral("subscription.cancelled"));
    QCOMPARE(f.store().outbox().last().operation, QStringLiteral("subscription.cancel"));
}

void tst_Store::renewAndRestart()
{
    DeskFixture f;
    const Subscription sub = f.subscribe(f.addPerson(QStringLiteral("A")), d("2026-01-01"));
    QCOMPARE(sub.end, d("2026-12-31"));
    auto renewed = f.store().renewSubscription(sub.meta.id);
    QVERIFY(renewed.ok());
    QCOMPARE(renewed.value().end, d("2027-12-31"));
    QVERIFY(
        f.store().cancelSubscription(sub.meta.id, d("2026-06-01"), QStringLiteral("Prix")).ok());
    QVERIFY(!f.store().renewSubscription(sub.meta.id).ok());
    auto restarted = f.store().restartSubscription(sub.meta.id);
    QVERIFY(restarted.ok());
    QVERIFY(!restarted.value().cancelDate.isValid());
    QVERIFY(!f.store().restartSubscription(sub.meta.id).ok());
}

void tst_Store::complaintCompensation()
{
    DeskFixture f;
    const Subscription sub = f.subscribe(f.addPerson(QStringLiteral("A")), d("2026-01-05"),
                                         d("2026-12-31"));
    Complaint c;
    c.subscriptionId = sub.meta.id;
    c.issueDate = d("2026-03-03");
    c.kind = ComplaintKind::Damaged;
    c.compensationIssues = 2;
    QVERIFY(f.store().addComplaint(c).ok());
    QCOMPARE(f.store().subscriptionById(sub.meta.id)->end, d("2027-01-02"));
    QCOMPARE(f.store().complaintsOf(sub.meta.id).size(), 1);
    c.compensationIssues = -1;
    QVERIFY(!f.store().addComplaint(c).ok());
}

void tst_Store::temporaryAddressValidated()
{
    DeskFixture f;
    const Subscription sub = f.subscribe(f.addPerson(QStringLiteral("A")), d("2026-01-05"));
    DeliveryChange c;
    c.kind = DeliveryChangeKind::TemporaryAddress;
    c.subscriptionId = sub.meta.id;
    c.from = d("2026-07-10");
    c.to = d("2026-07-01");
    c.address.line4 = QStringLiteral("4 chemin des Dunes");
    c.address.postalCode = QStringLiteral("17580");
    c.address.city = QStringLiteral("PARIS");
    auto r = f.store().addDeliveryChange(c);
    QVERIFY(!r.ok());
    QStringList rules;
    for (const Issue &i : r.error().issues)
        rules << i.rule;
    QVERIFY2(rules.contains(QStringLiteral("date.range")), qPrintable(rules.join(u' ')));
    QVERIFY2(rules.contains(QStringLiteral("city.mismatch")), qPrintable(rules.join(u' ')));
}

void tst_Store::catalogueDuplicates()
{
    DeskFixture f;
    Publication p = f.daily();
    p.meta.id.clear();
    auto r = f.store().addPublication(p);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("code.duplicate"));
    Offer o = f.dailyOffer();
    o.meta.id.clear();
    auto r2 = f.store().addOffer(o);
    QVERIFY(!r2.ok());
    QCOMPARE(r2.error().code, QStringLiteral("code.duplicate"));
}

void tst_Store::statusDerived()
{
    DeskFixture f;
    const Subscription sub = f.subscribe(f.addPerson(QStringLiteral("A")), d("2026-01-05"),
                                         d("2026-06-30"));
    DeliveryChange hold;
    hold.subscriptionId = sub.meta.id;
    hold.from = d("2026-03-01");
    hold.to = d("2026-03-10");
    QVERIFY(f.store().addDeliveryChange(hold).ok());
    const auto changes = f.store().deliveryChangesOf(sub.meta.id);
    QCOMPARE(subscriptionStatusOn(sub, d("2026-01-04"), changes), SubscriptionStatus::Pending);
    QCOMPARE(subscriptionStatusOn(sub, d("2026-01-05"), changes), SubscriptionStatus::Active);
    QCOMPARE(subscriptionStatusOn(sub, d("2026-03-01"), changes), SubscriptionStatus::Suspended);
    QCOMPARE(subscriptionStatusOn(sub, d("2026-03-11"), changes), SubscriptionStatus::Active);
    QCOMPARE(subscriptionStatusOn(sub, d("2026-07-01"), changes), SubscriptionStatus::Expired);
}

QTEST_GUILESS_MAIN(tst_Store)
#include "tst_store.moc"

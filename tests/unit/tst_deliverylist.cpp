// The delivery list of an issue at every boundary: subscription start and end, cancellation, holds
// and holiday addresses starting or ending around the issue date, copies, payer, issue days.

#include "deliverylist.h"
#include "deskfixture.h"

#include <QTest>

using namespace Relais;
using Relais::Test::DeskFixture;

namespace {
QDate d(const char *iso)
{
    return QDate::fromString(QString::fromLatin1(iso), Qt::ISODate);
}
const QDate D = d("2026-06-10"); // a Wednesday
} // namespace

class tst_DeliveryList : public QObject
{
    Q_OBJECT
private slots:
    void rules_data();
    void rules();
    void temporaryAddressUsed_data();
    void temporaryAddressUsed();
    void copiesAndPayer();
    void presortOrder();
    void holidayAddressesTakeTheirPlaceInPresort();
    void notAnIssueDay();
    void cancelStopsEarly();
};

void tst_DeliveryList::rules_data()
{
    QTest::addColumn<QDate>("start");
    QTest::addColumn<QDate>("end");
    QTest::addColumn<QDate>("cancel");
    QTest::addColumn<QDate>("holdFrom");
    QTest::addColumn<QDate>("holdTo");
    QTest::addColumn<bool>("delivered");
    const QDate none;
    QTest::newRow("active") << d("2026-01-01") << d("2026-12-31") << none << none << none << true;
    QTest::newRow("starts on D") << D << d("2026-12-31") << none << none << none << true;
    QTest::newRow("starts D+1") << D.addDays(1) << d("2026-12-31") << none << none << none << false;
    QTest::newRow("ends on D") << d("2026-01-01") << D << none << none << none << true;
    QTest::newRow("ends D-1") << d("2026-01-01") << D.addDays(-1) << none << none << none << false;
    QTest::newRow("cancelled at D")
        << d("2026-01-01") << d("2026-12-31") << D << none << none << false;
    QTest::newRow("cancelled at D+1")
        << d("2026-01-01") << d("2026-12-31") << D.addDays(1) << none << none << true;
    QTest::newRow("cancelled at D-1")
        << d("2026-01-01") << d("2026-12-31") << D.addDays(-1) << none << none << false;
    QTest::newRow("hold starts on D")
        << d("2026-01-01") << d("2026-12-31") << none << D << D.addDays(5) << false;
    QTest::newRow("hold ends on D")
        << d("2026-01-01") << d("2026-12-31") << none << D.addDays(-5) << D << false;
    QTest::newRow("hold ends D-1")
        << d("2026-01-01") << d("2026-12-31") << none << D.addDays(-5) << D.addDays(-1) << true;
    QTest::newRow("hold starts D+1")
        << d("2026-01-01") << d("2026-12-31") << none << D.addDays(1) << D.addDays(5) << true;
    QTest::newRow("one-day hold on D")
        << d("2026-01-01") << d("2026-12-31") << none << D << D << false;
}

void tst_DeliveryList::rules()
{
    QFETCH(QDate, start);
    QFETCH(QDate, end);
    QFETCH(QDate, cancel);
    QFETCH(QDate, holdFrom);
    QFETCH(QDate, holdTo);
    QFETCH(bool, delivered);
    DeskFixture f;
    const Subscription sub = f.subscribe(f.addPerson(QStringLiteral("Dupont")), start, end);
    if (cancel.isValid())
        QVERIFY(f.store().cancelSubscription(sub.meta.id, cancel, QStringLiteral("Prix")).ok());
    if (holdFrom.isValid()) {
        DeliveryChange hold;
        hold.subscriptionId = sub.meta.id;
        hold.from = holdFrom;
        hold.to = holdTo;
        QVERIFY(f.store().addDeliveryChange(hold).ok());
    }
    // Noise that must not appear: another title's subscriber.
    auto lines = DeliveryListQuery(f.store().db()).lines(f.daily(), D);
    QVERIFY(lines.ok());
    QCOMPARE(lines.value().size(), delivered ? 1 : 0);
    if (delivered)
        QCOMPARE(lines.value().first().subscriptionId, sub.meta.id);
}

void tst_DeliveryList::temporaryAddressUsed_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<bool>("temporary");
    QTest::newRow("covers D") << D.addDays(-3) << D.addDays(3) << true;
    QTest::newRow("starts on D") << D << D.addDays(3) << true;
    QTest::newRow("ends on D") << D.addDays(-3) << D << true;
    QTest::newRow("ends D-1") << D.addDays(-3) << D.addDays(-1) << false;
    QTest::newRow("starts D+1") << D.addDays(1) << D.addDays(3) << false;
}

void tst_DeliveryList::temporaryAddressUsed()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(bool, temporary);
    DeskFixture f;
    const Subscription sub = f.subscribe(f.addPerson(QStringLiteral("Dupont")), d("2026-01-01"));
    DeliveryChange c;
    c.kind = DeliveryChangeKind::TemporaryAddress;
    c.subscriptionId = sub.meta.id;
    c.from = from;
    c.to = to;
    c.address.line4 = QStringLiteral("4 chemin des Dunes");
    c.address.postalCode = QStringLiteral("17580");
    c.address.city = QStringLiteral("LE BOIS PLAGE EN RE");
    auto added = f.store().addDeliveryChange(c);
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().fullText()));
    auto lines = DeliveryListQuery(f.store().db()).lines(f.daily(), D);
    QVERIFY(lines.ok());
    QCOMPARE(lines.value().size(), 1);
    const DeliveryLine &l = lines.value().first();
    QCOMPARE(l.temporaryAddress, temporary);
    QCOMPARE(l.address.postalCode, temporary ? QStringLiteral("17580") : QStringLiteral("75002"));
    QCOMPARE(l.address.line4, temporary ? QStringLiteral("4 chemin des Dunes")
                                        : QStringLiteral("12 rue de la Paix"));
}

void tst_DeliveryList::copiesAndPayer()
{
    DeskFixture f;
    const Subscriber reader = f.addPerson(QStringLiteral("Lecteur"));
    const Subscriber payer = f.addPerson(QStringLiteral("Payeur"));
    Subscription s;
    s.recipientId = reader.meta.id;
    s.payerId = payer.meta.id;
    s.offerId = f.dailyOffer().meta.id;
    s.start = d("2026-01-01");
    s.copies = 3;
    QVERIFY(f.store().addSubscription(s).ok());
    DeliverySummary summary;
    QList<DeliveryLine> lines;
    auto r = DeliveryListQuery(f.store().db()).forEach(f.daily(), D, [&](const DeliveryLine &l) {
        lines << l;
        return true;
    });
    QVERIFY(r.ok());
    QCOMPARE(r.value().lines, 1);
    QCOMPARE(r.value().copies, 3);
    QCOMPARE(lines.size(), 1);
    // The recipient receives the paper; the payer only pays.
    QCOMPARE(lines.first().number, reader.number);
    QCOMPARE(lines.first().lastName, QStringLiteral("Lecteur"));
    QCOMPARE(lines.first().payerNumber, payer.number);
    QCOMPARE(lines.first().copies, 3);
}

void tst_DeliveryList::presortOrder()
{
    DeskFixture f;
    struct P
    {
        const char *name;
        const char *code;
        const char *city;
    };
    const P people[] = {{"Zola", "13001", "MARSEILLE"},
                        {"Élie", "75002", "PARIS"},
                        {"Abel", "75002", "PARIS"},
                        {"Martin", "01000", "BOURG EN BRESSE"}};
    for (const P &p : people) {
        Subscriber s = DeskFixture::person(QString::fromUtf8(p.name));
        s.address.postalCode = QString::fromLatin1(p.code);
        s.address.city = QString::fromLatin1(p.city);
        auto added = f.store().addSubscriber(s);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().fullText()));
        f.subscribe(added.value(), d("2026-01-01"));
    }
    auto lines = DeliveryListQuery(f.store().db()).lines(f.daily(), D);
    QVERIFY(lines.ok());
    QStringList order;
    for (const DeliveryLine &l : lines.value())
        order << l.lastName;
    // Postal code first, then the name without regard to accents.
    QCOMPARE(order, (QStringList{QStringLiteral("Martin"), QStringLiteral("Zola"),
                                 QStringLiteral("Abel"), QStringLiteral("Élie")}));
}

void tst_DeliveryList::holidayAddressesTakeTheirPlaceInPresort()
{
    // Readers in 01000, 13001, 69001 and 75002; the one in 75002 spends D in 17580 and the one in
    // 13001 in 83990 (after everyone): each line sorts by the address it is delivered to.
    DeskFixture f;
    struct P
    {
        const char *name;
        const char *code;
        const char *city;
    };
    const P people[] = {{"Marseillais", "13001", "MARSEILLE"},
                        {"Lyonnais", "69001", "LYON"},
                        {"Parisien", "75002", "PARIS"},
                        {"Bressan", "01000", "BOURG EN BRESSE"}};
    QHash<QString, Subscription> subs;
    for (const P &p : people) {
        Subscriber s = DeskFixture::person(QString::fromUtf8(p.name));
        s.address.postalCode = QString::fromLatin1(p.code);
        s.address.city = QString::fromLatin1(p.city);
        subs.insert(s.lastName, f.subscribe(f.store().addSubscriber(s).value(), d("2026-01-01")));
    }
    auto away = [&](const QString &who, const char *code, const char *city) {
        DeliveryChange c;
        c.kind = DeliveryChangeKind::TemporaryAddress;
        c.subscriptionId = subs.value(who).meta.id;
        c.from = D.addDays(-2);
        c.to = D.addDays(2);
        c.address.line4 = QStringLiteral("1 route de la Plage");
        c.address.postalCode = QString::fromLatin1(code);
        c.address.city = QString::fromLatin1(city);
        auto r = f.store().addDeliveryChange(c);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().fullText()));
    };
    away(QStringLiteral("Parisien"), "17580", "LE BOIS PLAGE EN RE");
    away(QStringLiteral("Marseillais"), "83990", "SAINT TROPEZ");
    auto lines = DeliveryListQuery(f.store().db()).lines(f.daily(), D);
    QVERIFY(lines.ok());
    QStringList order;
    for (const DeliveryLine &l : lines.value())
        order << l.lastName + u':' + l.address.postalCode;
    QCOMPARE(order,
             (QStringList{QStringLiteral("Bressan:01000"), QStringLiteral("Parisien:17580"),
                          QStringLiteral("Lyonnais:69001"), QStringLiteral("Marseillais:83990")}));
}

void tst_DeliveryList::notAnIssueDay()
{
    DeskFixture f;
    f.subscribe(f.addPerson(QStringLiteral("A")), d("2026-01-01"));
    auto r = DeliveryListQuery(f.store().db()).lines(f.daily(), d("2026-06-14")); // Sunday
    QVERIFY(!r.ok());
    QCOMPARE(r.error().issues.first().rule, QStringLiteral("date.not_issue_day"));
    QCOMPARE(r.error().issues.first().field, QStringLiteral("date"));
}

void tst_DeliveryList::cancelStopsEarly()
{
    DeskFixture f;
    for (int i = 0; i < 5; ++i)
        f.subscribe(f.addPerson(QStringLiteral("N%1").arg(i)), d("2026-01-01"));
    int seen = 0;
    auto r = DeliveryListQuery(f.store().db()).forEach(f.daily(), D, [&](const DeliveryLine &) {
        return ++seen < 2;
    });
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("cancelled"));
    QCOMPARE(seen, 2);
}

QTEST_GUILESS_MAIN(tst_DeliveryList)
#include "tst_deliverylist.moc"

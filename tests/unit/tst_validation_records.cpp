// The rules on titles, offers, subscriptions, cancellations, complaints and overlapping holds
// (recordvalidation.h), which the desk's store and the server's push both apply: each broken rule
// gives its own code on its own field, the limits themselves pass, and the messages name what the
// clerk has to change. Also the email, phone and date range rules of validation.h;
// tst_validation holds the postal code directory and the address and name rules.

#include "recordvalidation.h"
#include "validation.h"

#include <QTest>

using namespace Relais;
using namespace Relais::Validation;
using namespace Qt::StringLiterals;

namespace {

// "field:rule" for each issue, in the order the rules give them.
QStringList codes(const Issues &issues)
{
    QStringList out;
    for (const Issue &i : issues)
        out << i.field + u':' + i.rule;
    return out;
}

Publication validPublication()
{
    Publication p;
    p.code = u"LM"_s;
    p.name = u"Le Matin"_s;
    p.weekdays = Weekdays::fromMask(0b1111110); // Monday to Saturday
    p.cutoff = QTime(18, 0);
    return p;
}

Offer validOffer()
{
    Offer o;
    o.code = u"LM-12"_s;
    o.months = 12;
    o.priceCents = 12000;
    return o;
}

Subscription validSubscription()
{
    Subscription s;
    s.start = QDate(2026, 1, 1);
    s.end = QDate(2026, 12, 31);
    s.copies = 1;
    return s;
}

Complaint validComplaint()
{
    Complaint c;
    c.issueDate = QDate(2026, 3, 2);
    c.compensationIssues = 1;
    return c;
}

DeliveryChange change(DeliveryChangeKind kind, QDate from, QDate to)
{
    DeliveryChange c;
    c.kind = kind;
    c.from = from;
    c.to = to;
    return c;
}

} // namespace

class TestValidationRecords : public QObject
{
    Q_OBJECT

private slots:
    void publication_data();
    void publication();
    void offer_data();
    void offer();
    void subscription_data();
    void subscription();
    void subscriptionFieldsAreTheCallers();
    void cancellation_data();
    void cancellation();
    void complaint_data();
    void complaint();
    void overlap_data();
    void overlap();
    void messagesAsTheClerkReadsThem_data();
    void messagesAsTheClerkReadsThem();

    void email_data();
    void email();
    void phone_data();
    void phone();
    void dateRange_data();
    void dateRange();
    void subscriberCollectsEverything();
};

void TestValidationRecords::publication_data()
{
    QTest::addColumn<Publication>("publication");
    QTest::addColumn<QStringList>("expected");

    const Publication valid = validPublication();
    auto with = [&](auto change) {
        Publication p = valid;
        change(p);
        return p;
    };
    QTest::newRow("valid") << valid << QStringList();
    QTest::newRow("code of 16") << with([](Publication &p) { p.code = QString(16, u'X'); })
                                << QStringList();
    QTest::newRow("code of 17") << with([](Publication &p) { p.code = QString(17, u'X'); })
                                << QStringList{u"code:code.format"_s};
    QTest::newRow("empty code") << with([](Publication &p) { p.code.clear(); })
                                << QStringList{u"code:code.format"_s};
    QTest::newRow("blank code") << with([](Publication &p) { p.code = u"   "_s; })
                                << QStringList{u"code:code.format"_s};
    QTest::newRow("no name") << with([](Publication &p) { p.name.clear(); })
                             << QStringList{u"name:name.required"_s};
    QTest::newRow("blank name") << with([](Publication &p) { p.name = u" \t"_s; })
                                << QStringList{u"name:name.required"_s};
    QTest::newRow("one day a week")
        << with([](Publication &p) { p.weekdays = Weekdays::fromMask(1 << 7); }) << QStringList();
    QTest::newRow("no weekday") << with([](Publication &p) { p.weekdays = Weekdays(); })
                                << QStringList{u"weekdays:weekdays.empty"_s};
    QTest::newRow("no cut-off") << with([](Publication &p) { p.cutoff = QTime(); })
                                << QStringList{u"cutoff:cutoff.format"_s};
    QTest::newRow("everything wrong") << Publication()
                                      << QStringList{u"code:code.format"_s, u"name:name.required"_s,
                                                     u"weekdays:weekdays.empty"_s};
}

void TestValidationRecords::publication()
{
    QFETCH(Publication, publication);
    QFETCH(QStringList, expected);
    QCOMPARE(codes(validatePublication(publication)), expected);
}

void TestValidationRecords::offer_data()
{
    QTest::addColumn<Offer>("offer");
    QTest::addColumn<QStringList>("expected");

    const Offer valid = validOffer();
    auto with = [&](auto change) {
        Offer o = valid;
        change(o);
        return o;
    };
    QTest::newRow("valid") << valid << QStringList();
    QTest::newRow("code of 24") << with([](Offer &o) { o.code = QString(24, u'X'); })
                                << QStringList();
    QTest::newRow("code of 25") << with([](Offer &o) { o.code = QString(25, u'X'); })
                                << QStringList{u"code:code.format"_s};
    QTest::newRow("blank code") << with([](Offer &o) { o.code = u" "_s; })
                                << QStringList{u"code:code.format"_s};
    QTest::newRow("1 month") << with([](Offer &o) { o.months = 1; }) << QStringList();
    QTest::newRow("120 months") << with([](Offer &o) { o.months = 120; }) << QStringList();
    QTest::newRow("0 months") << with([](Offer &o) { o.months = 0; })
                              << QStringList{u"months:months.range"_s};
    QTest::newRow("121 months") << with([](Offer &o) { o.months = 121; })
                                << QStringList{u"months:months.range"_s};
    QTest::newRow("free") << with([](Offer &o) { o.priceCents = 0; }) << QStringList();
    QTest::newRow("negative price") << with([](Offer &o) { o.priceCents = -1; })
                                    << QStringList{u"price_cents:price.negative"_s};
}

void TestValidationRecords::offer()
{
    QFETCH(Offer, offer);
    QFETCH(QStringList, expected);
    QCOMPARE(codes(validateOffer(offer)), expected);
}

void TestValidationRecords::subscription_data()
{
    QTest::addColumn<Subscription>("subscription");
    QTest::addColumn<QStringList>("expected");

    const Subscription valid = validSubscription();
    auto with = [&](auto change) {
        Subscription s = valid;
        change(s);
        return s;
    };
    QTest::newRow("valid") << valid << QStringList();
    QTest::newRow("open-ended") << with([](Subscription &s) { s.end = QDate(); }) << QStringList();
    QTest::newRow("one day") << with([](Subscription &s) { s.end = s.start; }) << QStringList();
    QTest::newRow("no start") << with([](Subscription &s) { s.start = QDate(); })
                              << QStringList{u"start_date:date.invalid"_s};
    QTest::newRow("end the day before the start")
        << with([](Subscription &s) { s.end = s.start.addDays(-1); })
        << QStringList{u"end_date:date.range"_s};
    QTest::newRow("1 copy") << with([](Subscription &s) { s.copies = 1; }) << QStringList();
    QTest::newRow("999 copies") << with([](Subscription &s) { s.copies = 999; }) << QStringList();
    QTest::newRow("0 copies") << with([](Subscription &s) { s.copies = 0; })
                              << QStringList{u"copies:copies.range"_s};
    QTest::newRow("1000 copies") << with([](Subscription &s) { s.copies = 1000; })
                                 << QStringList{u"copies:copies.range"_s};
}

void TestValidationRecords::subscription()
{
    QFETCH(Subscription, subscription);
    QFETCH(QStringList, expected);
    QCOMPARE(codes(validateSubscription(subscription)), expected);
}

void TestValidationRecords::subscriptionFieldsAreTheCallers()
{
    // The desk's store names the fields after its forms; the rules and messages are the same.
    Subscription s = validSubscription();
    s.end = s.start.addDays(-1);
    const Issues server = validateSubscription(s);
    const Issues desk = validateSubscription(s, SubscriptionFields::deskFields());
    QCOMPARE(codes(desk), QStringList{u"end:date.range"_s});
    QCOMPARE(desk.first().message, server.first().message);
    s.start = QDate();
    QCOMPARE(codes(validateSubscription(s, SubscriptionFields::deskFields())),
             QStringList{u"start:date.invalid"_s});
    QCOMPARE(codes(validateCancellation(QDate(2026, 1, 1), QDate(), QString(),
                                        SubscriptionFields::deskFields())),
             (QStringList{u"date:date.invalid"_s, u"reason:reason.required"_s}));
}

void TestValidationRecords::cancellation_data()
{
    QTest::addColumn<QDate>("start");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QStringList>("expected");

    const QDate start(2026, 1, 1);
    QTest::newRow("valid") << start << QDate(2026, 6, 30) << u"moved away"_s << QStringList();
    QTest::newRow("on the first day") << start << start << u"moved away"_s << QStringList();
    QTest::newRow("the day before the start") << start << start.addDays(-1) << u"moved away"_s
                                              << QStringList{u"cancel_date:date.range"_s};
    QTest::newRow("no date") << start << QDate() << u"moved away"_s
                             << QStringList{u"cancel_date:date.invalid"_s};
    QTest::newRow("no reason") << start << QDate(2026, 6, 30) << QString()
                               << QStringList{u"cancel_reason:reason.required"_s};
    QTest::newRow("blank reason") << start << QDate(2026, 6, 30) << u"  "_s
                                  << QStringList{u"cancel_reason:reason.required"_s};
    QTest::newRow("before the start, no reason")
        << start << QDate(2025, 12, 1) << QString()
        << QStringList{u"cancel_reason:reason.required"_s, u"cancel_date:date.range"_s};
}

void TestValidationRecords::cancellation()
{
    QFETCH(QDate, start);
    QFETCH(QDate, date);
    QFETCH(QString, reason);
    QFETCH(QStringList, expected);
    QCOMPARE(codes(validateCancellation(start, date, reason)), expected);
}

void TestValidationRecords::complaint_data()
{
    QTest::addColumn<Complaint>("complaint");
    QTest::addColumn<QStringList>("expected");

    const Complaint valid = validComplaint();
    auto with = [&](auto change) {
        Complaint c = valid;
        change(c);
        return c;
    };
    QTest::newRow("valid") << valid << QStringList();
    QTest::newRow("no issue date") << with([](Complaint &c) { c.issueDate = QDate(); })
                                   << QStringList{u"issue_date:date.invalid"_s};
    QTest::newRow("no compensation")
        << with([](Complaint &c) { c.compensationIssues = 0; }) << QStringList();
    QTest::newRow("a year of issues")
        << with([](Complaint &c) { c.compensationIssues = 365; }) << QStringList();
    QTest::newRow("-1 issues") << with([](Complaint &c) { c.compensationIssues = -1; })
                               << QStringList{u"compensation_issues:compensation.range"_s};
    QTest::newRow("366 issues") << with([](Complaint &c) { c.compensationIssues = 366; })
                                << QStringList{u"compensation_issues:compensation.range"_s};
}

void TestValidationRecords::complaint()
{
    QFETCH(Complaint, complaint);
    QFETCH(QStringList, expected);
    QCOMPARE(codes(validateComplaint(complaint)), expected);
}

void TestValidationRecords::overlap_data()
{
    QTest::addColumn<DeliveryChange>("change");
    QTest::addColumn<QList<DeliveryChange>>("others");
    QTest::addColumn<QStringList>("names"); // what each issue says the change overlaps

    const auto hold = DeliveryChangeKind::Hold;
    const auto away = DeliveryChangeKind::TemporaryAddress;
    const DeliveryChange july = change(hold, QDate(2026, 7, 1), QDate(2026, 7, 31));
    using Changes = QList<DeliveryChange>;
    QTest::newRow("none other") << july << Changes() << QStringList();
    QTest::newRow("the day before and the day after")
        << july
        << Changes{change(hold, QDate(2026, 6, 1), QDate(2026, 6, 30)),
                   change(away, QDate(2026, 8, 1), QDate(2026, 8, 15))}
        << QStringList();
    QTest::newRow("same last day")
        << july << Changes{change(hold, QDate(2026, 7, 31), QDate(2026, 8, 10))}
        << QStringList{u"a hold"_s};
    QTest::newRow("same first day")
        << july << Changes{change(away, QDate(2026, 6, 20), QDate(2026, 7, 1))}
        << QStringList{u"a holiday address"_s};
    QTest::newRow("inside") << july << Changes{change(hold, QDate(2026, 7, 10), QDate(2026, 7, 12))}
                            << QStringList{u"a hold"_s};
    QTest::newRow("around") << july << Changes{change(away, QDate(2026, 6, 1), QDate(2026, 9, 1))}
                            << QStringList{u"a holiday address"_s};
    QTest::newRow("two of three") << july
                                  << Changes{change(hold, QDate(2026, 7, 5), QDate(2026, 7, 6)),
                                             change(hold, QDate(2026, 9, 1), QDate(2026, 9, 2)),
                                             change(away, QDate(2026, 7, 20), QDate(2026, 8, 20))}
                                  << QStringList{u"a hold"_s, u"a holiday address"_s};
}

void TestValidationRecords::overlap()
{
    QFETCH(DeliveryChange, change);
    QFETCH(QList<DeliveryChange>, others);
    QFETCH(QStringList, names);
    const Issues issues = validateNoOverlap(change, others, u"from"_s);
    QCOMPARE(issues.size(), names.size());
    for (qsizetype i = 0; i < issues.size(); ++i) {
        QCOMPARE(issues.at(i).field + u':' + issues.at(i).rule, u"from:range.overlap"_s);
        QVERIFY2(issues.at(i).message.contains(u"overlap "_s + names.at(i) + u" from"_s),
                 qPrintable(issues.at(i).message));
    }
    // The server's field name by default.
    for (const Issue &i : validateNoOverlap(change, others))
        QCOMPARE(i.field, u"from_date"_s);
}

void TestValidationRecords::messagesAsTheClerkReadsThem_data()
{
    QTest::addColumn<Issues>("issues");
    QTest::addColumn<QString>("message"); // the message of the first issue, word for word

    Publication p = validPublication();
    p.code = QString(17, u'X');
    QTest::newRow("title code") << validatePublication(p)
                                << u"A title code has 1 to 16 characters."_s;
    Offer o = validOffer();
    o.months = 0;
    QTest::newRow("offer months") << validateOffer(o) << u"An offer lasts 1 to 120 months."_s;
    Subscription s = validSubscription();
    s.end = QDate(2025, 12, 31);
    QTest::newRow("subscription end")
        << validateSubscription(s)
        << u"The end date 31/12/2025 is before the start date 01/01/2026."_s;
    QTest::newRow("cancellation before the start")
        << validateCancellation(QDate(2026, 1, 1), QDate(2025, 12, 1), u"moved away"_s)
        << u"The cancellation date is before the subscription starts (01/01/2026)."_s;
    Complaint c = validComplaint();
    c.issueDate = QDate();
    QTest::newRow("complaint issue date")
        << validateComplaint(c) << u"The issue date is missing or not a date (YYYY-MM-DD)."_s;
    QTest::newRow("overlap")
        << validateNoOverlap(change(DeliveryChangeKind::Hold, QDate(2026, 7, 1),
                                    QDate(2026, 7, 31)),
                             {change(DeliveryChangeKind::Hold, QDate(2026, 7, 10),
                                     QDate(2026, 7, 20))})
        << u"These dates overlap a hold from 10/07/2026 to 20/07/2026 on the same subscription."_s;
}

void TestValidationRecords::messagesAsTheClerkReadsThem()
{
    QFETCH(Issues, issues);
    QFETCH(QString, message);
    QVERIFY(!issues.isEmpty());
    QCOMPARE(issues.first().message, message);
}

void TestValidationRecords::email_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("valid");

    QTest::newRow("empty") << QString() << true;
    QTest::newRow("blank") << u"  "_s << true;
    QTest::newRow("simple") << u"jean.dupont@example.fr"_s << true;
    QTest::newRow("plus and subdomain") << u"j+relais@mail.example.co.uk"_s << true;
    QTest::newRow("hyphenated domain") << u"a@le-journal.fr"_s << true;
    QTest::newRow("accented domain") << u"contact@café.fr"_s << true;
    QTest::newRow("surrounding spaces") << u" jean@example.fr "_s << true;
    QTest::newRow("254 characters") << u"a@"_s + QString(248, u'b') + u".com"_s << true;
    QTest::newRow("no at") << u"jean.example.fr"_s << false;
    QTest::newRow("two ats") << u"jean@dupont@example.fr"_s << false;
    QTest::newRow("nothing before") << u"@example.fr"_s << false;
    QTest::newRow("nothing after") << u"jean@"_s << false;
    QTest::newRow("no dot in domain") << u"jean@localhost"_s << false;
    QTest::newRow("space inside") << u"jean dupont@example.fr"_s << false;
    QTest::newRow("double dot") << u"jean@example..fr"_s << false;
    QTest::newRow("trailing dot") << u"jean@example.fr."_s << false;
    QTest::newRow("leading dot") << u"jean@.example.fr"_s << false;
    QTest::newRow("one-letter top level") << u"jean@example.f"_s << false;
    QTest::newRow("comma in domain") << u"jean@example,fr"_s << false;
    QTest::newRow("hyphen ends a label") << u"jean@example-.fr"_s << false;
    QTest::newRow("local part 65") << QString(65, u'a') + u"@example.fr"_s << false;
    QTest::newRow("local part 64") << QString(64, u'a') + u"@example.fr"_s << true;
    QTest::newRow("255 characters")
        << QString(64, u'a') + u'@' + QString(187, u'b') + u".fr"_s << false;
}

void TestValidationRecords::email()
{
    QFETCH(QString, email);
    QFETCH(bool, valid);
    const Issues issues = validateEmail(email);
    QCOMPARE(codes(issues), valid ? QStringList{} : QStringList{u"email:email.format"_s});
}

void TestValidationRecords::phone_data()
{
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("e164"); // empty when invalid

    QTest::newRow("spaces") << u"01 23 45 67 89"_s << u"+33123456789"_s;
    QTest::newRow("dots") << u"01.23.45.67.89"_s << u"+33123456789"_s;
    QTest::newRow("hyphens") << u"06-12-34-56-78"_s << u"+33612345678"_s;
    QTest::newRow("packed") << u"0123456789"_s << u"+33123456789"_s;
    QTest::newRow("+33") << u"+33 1 23 45 67 89"_s << u"+33123456789"_s;
    QTest::newRow("+33 (0)") << u"+33 (0)1 23 45 67 89"_s << u"+33123456789"_s;
    QTest::newRow("0033") << u"0033123456789"_s << u"+33123456789"_s;
    QTest::newRow("overseas mobile") << u"0690 12 34 56"_s << u"+33690123456"_s;
    QTest::newRow("United Kingdom") << u"+44 20 7946 0958"_s << u"+442079460958"_s;
    QTest::newRow("Belgium via 00") << u"0032 2 555 12 12"_s << u"+3225551212"_s;
    QTest::newRow("surrounding spaces") << u"  0123456789 "_s << u"+33123456789"_s;
    QTest::newRow("letters") << u"01 23 45 67 8A"_s << QString();
    QTest::newRow("vanity") << u"0800 FLEURS"_s << QString();
    QTest::newRow("too short") << u"01 23 45 67"_s << QString();
    QTest::newRow("too long") << u"01 23 45 67 89 0"_s << QString();
    QTest::newRow("no leading zero") << u"1234567890"_s << QString();
    QTest::newRow("+33 too short") << u"+33 1 23 45 67"_s << QString();
    QTest::newRow("+33 with trunk zero") << u"+33 01 23 45 67 89"_s << QString();
    QTest::newRow("international too short") << u"+44 1234"_s << QString();
    QTest::newRow("international too long") << u"+44 1234 5678 9012 34"_s << QString();
    QTest::newRow("plus inside") << u"01 23+45 67 89"_s << QString();
    QTest::newRow("country code 0") << u"+0 123 456 789"_s << QString();
    QTest::newRow("only separators") << u"..--"_s << QString();
}

void TestValidationRecords::phone()
{
    QFETCH(QString, phone);
    QFETCH(QString, e164);
    const Issues issues = validatePhone(phone);
    QCOMPARE(codes(issues), e164.isEmpty() ? QStringList{u"phone:phone.format"_s} : QStringList{});
    QCOMPARE(normalizePhone(phone), e164);
    if (!e164.isEmpty()) {
        // The normal form is itself valid and stable.
        QVERIFY(validatePhone(e164).isEmpty());
        QCOMPARE(normalizePhone(e164), e164);
    }
}

void TestValidationRecords::dateRange_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<QStringList>("expected");

    const QDate d(2025, 3, 10);
    QTest::newRow("ordered") << d << d.addDays(1) << QStringList{};
    QTest::newRow("same day") << d << d << QStringList{};
    QTest::newRow("reversed by a day") << d << d.addDays(-1) << QStringList{u"to:date.range"_s};
    QTest::newRow("invalid from") << QDate() << d << QStringList{u"from:date.invalid"_s};
    QTest::newRow("invalid to") << d << QDate(2025, 2, 30) << QStringList{u"to:date.invalid"_s};
    QTest::newRow("both invalid") << QDate() << QDate()
                                  << QStringList{u"from:date.invalid"_s, u"to:date.invalid"_s};
}

void TestValidationRecords::dateRange()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(QStringList, expected);
    const Issues issues = validateDateRange(from, to, u"from"_s, u"to"_s);
    QCOMPARE(codes(issues), expected);
    for (const Issue &i : issues)
        if (i.field == u"to" && i.rule == u"date.range")
            QVERIFY2(i.message.contains(u"09/03/2025"_s) && i.message.contains(u"10/03/2025"_s),
                     qPrintable(i.message));
}

void TestValidationRecords::subscriberCollectsEverything()
{
    Subscriber s;
    s.civility = u"Mme"_s;
    s.firstName = u"Hélène"_s;
    s.lastName = u"Dupont"_s;
    s.address.line4 = u"12 RUE DE LA PAIX"_s;
    s.address.postalCode = u"01000"_s;
    s.address.city = u"BOURG EN BRESSE"_s;
    s.email = u"helene@example.fr"_s;
    s.phone = u"06 12 34 56 78"_s;
    QCOMPARE(codes(validateSubscriber(s)), QStringList{});

    s.lastName.clear();
    s.address.city = u"LYON"_s;
    s.address.line4.clear();
    s.email = u"helene@"_s;
    s.phone = u"abc"_s;
    QStringList got = codes(validateSubscriber(s));
    got.sort();
    QStringList expected{u"last_name:name.required"_s, u"city:city.mismatch"_s,
                         u"line4:street.required"_s, u"email:email.format"_s,
                         u"phone:phone.format"_s};
    expected.sort();
    QCOMPARE(got, expected);
}

QTEST_GUILESS_MAIN(TestValidationRecords)
#include "tst_validation_records.moc"

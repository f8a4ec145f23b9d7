// The server's rules tested directly, without HTTP: the row rules a push is checked against
// (server/storage/rules.h), who may use which route and capability (server/auth/policy.h), the one
// table from error to HTTP status (server/handler/errors.cpp) and the reader of a push body
// (models/protocol/protocol.h). Each broken rule must give its own code on its own field.

#include "handler_p.h"
#include "policy.h"
#include "protocol.h"
#include "recordvalidation.h"
#include "rules.h"
#include "validation.h"

#include <QJsonDocument>
#include <QTest>

using namespace Relais;
using namespace Relais::Server;

namespace {

const QString kDesk = QStringLiteral("5b0c1f52-3d2e-4f7a-9a51-0c6f1f0e2a11");
const QString kRow = QStringLiteral("0f8e2c1a-6b7d-4e59-8f3a-2d1c4b5a6e70");

// "field:rule" of each issue, in order: compared as a whole so that a row breaking one rule
// gives exactly that issue and nothing else.
QStringList pairsOf(const Issues &issues)
{
    QStringList out;
    for (const Issue &i : issues)
        out << i.field + u':' + i.rule;
    return out;
}

QVariantMap with(QVariantMap row, const QString &column, const QVariant &value)
{
    row.insert(column, value);
    return row;
}

QVariantMap validRow(const QString &table)
{
    if (table == u"publication")
        return {{QStringLiteral("code"), QStringLiteral("LM")},
                {QStringLiteral("name"), QStringLiteral("Le Matin")},
                {QStringLiteral("periodicity"), QStringLiteral("daily")},
                {QStringLiteral("weekdays"), 126}, // Monday to Saturday
                {QStringLiteral("cutoff"), QStringLiteral("18:00")},
                {QStringLiteral("deleted"), 0}};
    if (table == u"offer")
        return {{QStringLiteral("code"), QStringLiteral("LM-12")},
                {QStringLiteral("months"), 12},
                {QStringLiteral("price_cents"), 12000},
                {QStringLiteral("channel"), QStringLiteral("print")},
                {QStringLiteral("deleted"), 0}};
    if (table == u"subscriber")
        return {{QStringLiteral("number"), 1042},
                {QStringLiteral("civility"), QStringLiteral("Mme")},
                {QStringLiteral("last_name"), QStringLiteral("Lefèvre")},
                {QStringLiteral("line4"), QStringLiteral("12 RUE DES LILAS")},
                {QStringLiteral("postal_code"), QStringLiteral("75011")},
                {QStringLiteral("city"), QStringLiteral("PARIS")},
                {QStringLiteral("email"), QStringLiteral("claire@example.fr")},
                {QStringLiteral("phone"), QStringLiteral("01 23 45 67 89")},
                {QStringLiteral("deleted"), 0}};
    if (table == u"subscription")
        return {{QStringLiteral("start_date"), QStringLiteral("2026-01-01")},
                {QStringLiteral("end_date"), QStringLiteral("2026-12-31")},
                {QStringLiteral("cancel_date"), QVariant()},
                {QStringLiteral("cancel_reason"), QString()},
                {QStringLiteral("copies"), 1},
                {QStringLiteral("auto_renew"), 0},
                {QStringLiteral("deleted"), 0}};
    if (table == u"delivery_change")
        return {{QStringLiteral("kind"), QStringLiteral("hold")},
                {QStringLiteral("from_date"), QStringLiteral("2026-07-01")},
                {QStringLiteral("to_date"), QStringLiteral("2026-07-31")},
                {QStringLiteral("compensation"), QStringLiteral("none")},
                {QStringLiteral("deleted"), 0}};
    if (table == u"complaint")
        return {{QStringLiteral("issue_date"), QStringLiteral("2026-03-02")},
                {QStringLiteral("kind"), QStringLiteral("not_received")},
                {QStringLiteral("compensation_issues"), 1},
                {QStringLiteral("deleted"), 0}};
    qFatal("no valid row for %s", qPrintable(table));
}

QVariantMap holidayAddress()
{
    QVariantMap row = with(validRow(QStringLiteral("delivery_change")), QStringLiteral("kind"),
                           QStringLiteral("address"));
    row.insert(QStringLiteral("line4"), QStringLiteral("3 CHEMIN DES DUNES"));
    row.insert(QStringLiteral("postal_code"), QStringLiteral("75011"));
    row.insert(QStringLiteral("city"), QStringLiteral("PARIS"));
    return row;
}

QVariantMap change(const char *kind, const char *from, const char *to, int deleted = 0)
{
    return {{QStringLiteral("kind"), QString::fromLatin1(kind)},
            {QStringLiteral("from_date"), QString::fromLatin1(from)},
            {QStringLiteral("to_date"), QString::fromLatin1(to)},
            {QStringLiteral("deleted"), deleted}};
}

// The routes and their minimum role as docs/api.md gives them (Public: no session needed).
struct ExpectedRoute
{
    const char *method;
    const char *path;
    Policy::Access access;
};

const ExpectedRoute kRoutes[] = {
    {"GET", "health", Policy::Access::Public},
    {"POST", "login", Policy::Access::Public},
    {"POST", "logout", Policy::Access::Clerk},
    {"GET", "me", Policy::Access::Clerk},
    {"POST", "sync/push", Policy::Access::Clerk},
    {"GET", "sync/pull", Policy::Access::Clerk},
    {"GET", "sync/snapshot", Policy::Access::Clerk},
    {"GET", "sync/notify", Policy::Access::Clerk},
    {"GET", "sync/checksums", Policy::Access::Clerk},
    {"POST", "numbers/lease", Policy::Access::Clerk},
    {"POST", "sync/desk-status", Policy::Access::Clerk},
    {"GET", "admin/desks", Policy::Access::Supervisor},
    {"GET", "admin/users", Policy::Access::Admin},
    {"POST", "admin/users", Policy::Access::Admin},
    {"POST", "admin/users/disable", Policy::Access::Admin},
    {"GET", "bulk/export", Policy::Access::Supervisor},
    {"POST", "bulk/import", Policy::Access::Supervisor},
    {"POST", "admin/backup", Policy::Access::Admin},
    {"GET", "admin/backups", Policy::Access::Admin},
    {"POST", "admin/restore", Policy::Access::Admin},
    {"POST", "admin/reseed", Policy::Access::Admin},
};

bool roleReaches(Role role, Policy::Access access)
{
    switch (access) {
    case Policy::Access::Public:
    case Policy::Access::Clerk: return true;
    case Policy::Access::Supervisor: return role != Role::Clerk;
    case Policy::Access::Admin: return role == Role::Admin;
    }
    return false;
}

// A push operation that parses: a complaint created by the desk.
QJsonObject validOp(qint64 seq)
{
    return {{QStringLiteral("seq"), seq},
            {QStringLiteral("op_id"),
             QStringLiteral("9d1e7a52-0c3b-4a8e-b6f1-%1").arg(seq, 12, 10, QLatin1Char('0'))},
            {QStringLiteral("operation"), QStringLiteral("complaint.create")},
            {QStringLiteral("entity"), QStringLiteral("complaint")},
            {QStringLiteral("entity_id"), kRow},
            {QStringLiteral("fields"),
             QJsonObject{{QStringLiteral("kind"), QStringLiteral("damaged")}}},
            {QStringLiteral("clerk"), QStringLiteral("claire")},
            {QStringLiteral("at"), QStringLiteral("2026-03-01T09:30:00.000Z")},
            {QStringLiteral("schema_version"), 1}};
}

QJsonObject validPush(int opCount = 1)
{
    QJsonArray ops;
    for (int i = 1; i <= opCount; ++i)
        ops.append(validOp(i));
    return {{QStringLiteral("desk_id"), kDesk}, {QStringLiteral("ops"), ops}};
}

QJsonObject withOp(QJsonObject body, int index, const QString &key, const QJsonValue &value)
{
    QJsonArray ops = body.value(QStringLiteral("ops")).toArray();
    QJsonObject op = ops.at(index).toObject();
    if (value.isUndefined())
        op.remove(key);
    else
        op.insert(key, value);
    ops.replace(index, op);
    body.insert(QStringLiteral("ops"), ops);
    return body;
}

} // namespace

class TestServerRules : public QObject
{
    Q_OBJECT

private slots:
    void checkRow_data();
    void checkRow();
    void checkOverlap_data();
    void checkOverlap();
    void sameMessagesAsTheDesk_data();
    void sameMessagesAsTheDesk();
    void routeAccess_data();
    void routeAccess();
    void everyRouteIsInTheTable();
    void capability_data();
    void capability();
    void statusFor_data();
    void statusFor();
    void serverErrorsHideTheDatabase();
    void parsePush_data();
    void parsePush();
};

void TestServerRules::checkRow_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QVariantMap>("row");
    QTest::addColumn<QStringList>("expected"); // "field:rule"; empty: the row passes

    const auto valid = [](const char *table) { return validRow(QString::fromLatin1(table)); };
    const auto row = [](const char *name, const char *table, const QVariantMap &r,
                        const char *expected) {
        QTest::newRow(name) << QString::fromLatin1(
            table) << r << (*expected ? QStringList{QString::fromLatin1(expected)} : QStringList());
    };
    const auto broken = [&](const char *name, const char *table, const char *column,
                            const QVariant &v, const char *expected) {
        row(name, table, with(valid(table), QString::fromLatin1(column), v), expected);
    };

    for (const char *t :
         {"publication", "offer", "subscriber", "subscription", "delivery_change", "complaint"})
        row(qPrintable(QStringLiteral("%1: valid").arg(QString::fromLatin1(t))), t, valid(t), "");
    row("delivery_change: valid holiday address", "delivery_change", holidayAddress(), "");
    row("subscription: valid cancellation", "subscription",
        with(with(valid("subscription"), QStringLiteral("cancel_date"),
                  QStringLiteral("2026-06-30")),
             QStringLiteral("cancel_reason"), QStringLiteral("moved away")),
        "");
    // A tombstone only needs to exist: the rest of the row is not read.
    row("publication: tombstone with a bad code", "publication",
        with(with(valid("publication"), QStringLiteral("code"), QString()),
             QStringLiteral("deleted"), 1),
        "");
    broken("publication: deleted 2", "publication", "deleted", 2, "deleted:deleted.range");

    broken("publication: empty code", "publication", "code", QStringLiteral("  "),
           "code:code.format");
    broken("publication: code of 17", "publication", "code", QString(17, u'X'), "code:code.format");
    broken("publication: no name", "publication", "name", QString(), "name:name.required");
    broken("publication: periodicity", "publication", "periodicity", QStringLiteral("hourly"),
           "periodicity:periodicity.unknown");
    broken("publication: no weekday", "publication", "weekdays", 1, "weekdays:weekdays.empty");
    broken("publication: weekdays past a byte", "publication", "weekdays", 256 + 126,
           "weekdays:weekdays.empty");
    broken("publication: cutoff 18h00", "publication", "cutoff", QStringLiteral("18h00"),
           "cutoff:cutoff.format");

    broken("offer: code of 25", "offer", "code", QString(25, u'X'), "code:code.format");
    broken("offer: 0 months", "offer", "months", 0, "months:months.range");
    broken("offer: 121 months", "offer", "months", 121, "months:months.range");
    broken("offer: negative price", "offer", "price_cents", -1, "price_cents:price.negative");
    broken("offer: channel", "offer", "channel", QStringLiteral("fax"), "channel:channel.unknown");

    broken("subscriber: number 0", "subscriber", "number", 0, "number:number.range");
    broken("subscriber: no name", "subscriber", "last_name", QString(), "last_name:name.required");
    broken("subscriber: no street", "subscriber", "line4", QString(), "line4:street.required");
    broken("subscriber: email", "subscriber", "email", QStringLiteral("claire@"),
           "email:email.format");
    broken("subscriber: phone", "subscriber", "phone", QStringLiteral("123"), "phone:phone.format");
    // The INSEE commune code, when given: a commune of the postal code (75011: Paris 11e, 75111).
    broken("subscriber: INSEE of the postal code", "subscriber", "insee_code",
           QStringLiteral("75111"), "");
    broken("subscriber: INSEE of Paris itself", "subscriber", "insee_code", QStringLiteral("75056"),
           "");
    broken("subscriber: INSEE of another postal code", "subscriber", "insee_code",
           QStringLiteral("01053"), "insee_code:insee.mismatch");
    broken("subscriber: INSEE of Corsica for Paris", "subscriber", "insee_code",
           QStringLiteral("2A004"), "insee_code:insee.mismatch");
    broken("subscriber: INSEE of four digits", "subscriber", "insee_code", QStringLiteral("7511"),
           "insee_code:insee.format");
    broken("subscriber: INSEE 2C", "subscriber", "insee_code", QStringLiteral("2C004"),
           "insee_code:insee.format");
    row("subscriber: INSEE abroad", "subscriber",
        with(with(with(with(valid("subscriber"), QStringLiteral("country"),
                            QStringLiteral("BELGIQUE")),
                       QStringLiteral("postal_code"), QStringLiteral("1000")),
                  QStringLiteral("city"), QStringLiteral("BRUXELLES")),
             QStringLiteral("insee_code"), QStringLiteral("75111")),
        "insee_code:insee.abroad");

    broken("subscription: no start", "subscription", "start_date", QVariant(),
           "start_date:date.invalid");
    broken("subscription: month 13", "subscription", "start_date", QStringLiteral("2026-13-01"),
           "start_date:date.invalid");
    broken("subscription: end before start", "subscription", "end_date",
           QStringLiteral("2025-12-31"), "end_date:date.range");
    row("subscription: cancelled before start", "subscription",
        with(with(valid("subscription"), QStringLiteral("cancel_date"),
                  QStringLiteral("2025-12-01")),
             QStringLiteral("cancel_reason"), QStringLiteral("moved away")),
        "cancel_date:date.range");
    broken("subscription: cancelled without reason", "subscription", "cancel_date",
           QStringLiteral("2026-06-30"), "cancel_reason:reason.required");
    broken("subscription: 0 copies", "subscription", "copies", 0, "copies:copies.range");
    broken("subscription: 1000 copies", "subscription", "copies", 1000, "copies:copies.range");
    broken("subscription: auto_renew 2", "subscription", "auto_renew", 2,
           "auto_renew:auto_renew.range");

    broken("delivery_change: kind", "delivery_change", "kind", QStringLiteral("pause"),
           "kind:kind.unknown");
    broken("delivery_change: no from", "delivery_change", "from_date", QVariant(),
           "from_date:date.invalid");
    broken("delivery_change: to before from", "delivery_change", "to_date",
           QStringLiteral("2026-06-30"), "to_date:date.range");
    broken("delivery_change: compensation", "delivery_change", "compensation",
           QStringLiteral("refund"), "compensation:compensation.unknown");
    row("delivery_change: holiday address without street", "delivery_change",
        with(holidayAddress(), QStringLiteral("line4"), QString()), "line4:street.required");

    broken("complaint: no issue date", "complaint", "issue_date", QString(),
           "issue_date:date.invalid");
    broken("complaint: kind", "complaint", "kind", QStringLiteral("late"), "kind:kind.unknown");
    broken("complaint: -1 issues", "complaint", "compensation_issues", -1,
           "compensation_issues:compensation.range");
    broken("complaint: 366 issues", "complaint", "compensation_issues", 366,
           "compensation_issues:compensation.range");
}

void TestServerRules::checkRow()
{
    QFETCH(QString, table);
    QFETCH(QVariantMap, row);
    QFETCH(QStringList, expected);
    const Protocol::Table *t = Protocol::tableByName(table);
    QVERIFY(t);
    QCOMPARE(pairsOf(Rules::checkRow(*t, row)), expected);
}

void TestServerRules::checkOverlap_data()
{
    QTest::addColumn<QVariantMap>("change");
    QTest::addColumn<QList<QVariantMap>>("others");
    QTest::addColumn<int>("overlaps");
    QTest::addColumn<QString>("names"); // in the message: what the change overlaps

    const QVariantMap july = change("hold", "2026-07-01", "2026-07-31");
    QTest::newRow("none other") << july << QList<QVariantMap>() << 0 << QString();
    QTest::newRow("before and after")
        << july
        << QList<QVariantMap>{change("hold", "2026-06-01", "2026-06-30"),
                              change("address", "2026-08-01", "2026-08-15")}
        << 0 << QString();
    QTest::newRow("same last day")
        << july << QList<QVariantMap>{change("hold", "2026-07-31", "2026-08-10")} << 1
        << QStringLiteral("a hold");
    QTest::newRow("same first day")
        << july << QList<QVariantMap>{change("address", "2026-06-20", "2026-07-01")} << 1
        << QStringLiteral("a holiday address");
    QTest::newRow("inside") << july
                            << QList<QVariantMap>{change("hold", "2026-07-10", "2026-07-12")} << 1
                            << QStringLiteral("a hold");
    QTest::newRow("around") << july
                            << QList<QVariantMap>{change("hold", "2026-06-01", "2026-09-01")} << 1
                            << QStringLiteral("a hold");
    QTest::newRow("two of three") << july
                                  << QList<QVariantMap>{change("hold", "2026-07-05", "2026-07-06"),
                                                        change("hold", "2026-09-01", "2026-09-02"),
                                                        change("address", "2026-07-20",
                                                               "2026-08-20")}
                                  << 2 << QStringLiteral("a holiday address");
    QTest::newRow("a deleted change overlaps nothing")
        << change("hold", "2026-07-01", "2026-07-31", 1)
        << QList<QVariantMap>{change("hold", "2026-07-10", "2026-07-12")} << 0 << QString();
}

void TestServerRules::checkOverlap()
{
    QFETCH(QVariantMap, change);
    QFETCH(QList<QVariantMap>, others);
    QFETCH(int, overlaps);
    QFETCH(QString, names);
    const Issues issues = Rules::checkOverlap(change, others);
    QCOMPARE(issues.size(), overlaps);
    for (const Issue &i : issues)
        QCOMPARE(i.field + u':' + i.rule, QStringLiteral("from_date:range.overlap"));
    if (!names.isEmpty())
        QVERIFY2(issues.constLast().message.contains(names),
                 qPrintable(issues.constLast().message));
    // The other change's dates as a clerk reads them (as the desk's own message writes them).
    if (names == u"a hold" && others.size() == 1) {
        const QDate
            from = QDate::fromString(others.first().value(QStringLiteral("from_date")).toString(),
                                     Qt::ISODate);
        QVERIFY2(issues.constLast().message.contains(from.toString(QStringLiteral("dd/MM/yyyy"))),
                 qPrintable(issues.constLast().message));
    }
}

// A row the server refuses says what the desk's store says for the same values: the rule and its
// message are the shared ones (recordvalidation.h), only the field is named after the column.
void TestServerRules::sameMessagesAsTheDesk_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QVariantMap>("row");
    QTest::addColumn<Issues>("desk"); // what Validation gives the desk's store

    const auto valid = [](const char *table) { return validRow(QString::fromLatin1(table)); };
    const auto s = [](const char *text) { return QString::fromLatin1(text); };
    const auto desk = Validation::SubscriptionFields::deskFields();

    Publication p;
    p.code = QString(17, u'X');
    p.name = s("Le Matin");
    p.weekdays = Weekdays::fromMask(126);
    p.cutoff = QTime(18, 0);
    QTest::newRow("title code") << s("publication") << with(valid("publication"), s("code"), p.code)
                                << Validation::validatePublication(p);
    Offer o;
    o.code = s("LM-12");
    o.months = 121;
    QTest::newRow("offer months") << s("offer") << with(valid("offer"), s("months"), 121)
                                  << Validation::validateOffer(o);
    Subscription sub;
    sub.start = QDate(2026, 1, 1);
    sub.end = QDate(2025, 12, 31);
    QTest::newRow("end before start")
        << s("subscription") << with(valid("subscription"), s("end_date"), s("2025-12-31"))
        << Validation::validateSubscription(sub, desk);
    sub = Subscription();
    sub.end = QDate(2026, 12, 31);
    QTest::newRow("no start") << s("subscription")
                              << with(valid("subscription"), s("start_date"), QVariant())
                              << Validation::validateSubscription(sub, desk);
    QTest::newRow("cancelled before start")
        << s("subscription")
        << with(with(valid("subscription"), s("cancel_date"), s("2025-12-01")), s("cancel_reason"),
                s("moved away"))
        << Validation::validateCancellation(QDate(2026, 1, 1), QDate(2025, 12, 1), s("moved away"),
                                            desk);
    QTest::newRow("cancelled without reason")
        << s("subscription") << with(valid("subscription"), s("cancel_date"), s("2026-06-30"))
        << Validation::validateCancellation(QDate(2026, 1, 1), QDate(2026, 6, 30), QString(), desk);
    Complaint c;
    c.compensationIssues = 400;
    QTest::newRow("complaint without date, 400 issues")
        << s("complaint")
        << with(with(valid("complaint"), s("issue_date"), QVariant()), s("compensation_issues"),
                400)
        << Validation::validateComplaint(c);
}

void TestServerRules::sameMessagesAsTheDesk()
{
    QFETCH(QString, table);
    QFETCH(QVariantMap, row);
    QFETCH(Issues, desk);
    const Protocol::Table *t = Protocol::tableByName(table);
    QVERIFY(t);
    const Issues server = Rules::checkRow(*t, row);
    QVERIFY(!desk.isEmpty());
    QCOMPARE(server.size(), desk.size());
    for (qsizetype i = 0; i < desk.size(); ++i) {
        QCOMPARE(server.at(i).rule, desk.at(i).rule);
        QCOMPARE(server.at(i).message, desk.at(i).message);
    }
}

void TestServerRules::routeAccess_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<Role>("role");
    QTest::addColumn<bool>("allowed");
    for (const ExpectedRoute &r : kRoutes)
        for (Role role : {Role::Clerk, Role::Supervisor, Role::Admin})
            QTest::addRow("%s %s as %s", r.method, r.path, qPrintable(roleCode(role)))
                << QByteArray(r.method) << QString::fromLatin1(r.path) << role
                << roleReaches(role, r.access);
}

void TestServerRules::routeAccess()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(Role, role);
    QFETCH(bool, allowed);
    const auto access = Policy::accessOf(method, path);
    QVERIFY(access.has_value());
    QCOMPARE(Policy::allows(role, *access), allowed);
}

void TestServerRules::everyRouteIsInTheTable()
{
    // Each route of the policy is one tested above, with the same minimum role; an unknown route
    // or a known path under another method has no access at all (the router refuses it).
    QCOMPARE(Policy::routes().size(), qsizetype(std::size(kRoutes)));
    for (const Policy::RouteAccess &r : Policy::routes()) {
        const auto it = std::find_if(std::begin(kRoutes), std::end(kRoutes),
                                     [&](const ExpectedRoute &e) {
                                         return r.method == e.method
                                                && r.path == QLatin1StringView(e.path);
                                     });
        QVERIFY2(it != std::end(kRoutes), qPrintable(r.path));
        QCOMPARE(int(r.access), int(it->access));
    }
    QVERIFY(!Policy::accessOf("GET", QStringLiteral("sync/push")).has_value());
    QVERIFY(!Policy::accessOf("DELETE", QStringLiteral("admin/users")).has_value());
    QVERIFY(!Policy::accessOf("GET", QStringLiteral("admin")).has_value());
    QVERIFY(!Policy::accessOf("GET", QStringLiteral("health/")).has_value());
}

void TestServerRules::capability_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<bool>("mayOverride");
    QTest::newRow("clerk") << Role::Clerk << false;
    QTest::newRow("supervisor") << Role::Supervisor << true;
    QTest::newRow("admin") << Role::Admin << true;
}

void TestServerRules::capability()
{
    QFETCH(Role, role);
    QFETCH(bool, mayOverride);
    QCOMPARE(Policy::allows(role, Policy::accessOf(Policy::Capability::OverrideConflict)),
             mayOverride);
}

void TestServerRules::statusFor_data()
{
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("status");
    // By code, whatever the kind.
    QTest::newRow("desk.forbidden")
        << ErrorKind::Conflict << QString::fromUtf16(PushError::DeskForbidden) << 403;
    QTest::newRow("desk.forbidden of kind Invalid")
        << ErrorKind::Invalid << QStringLiteral("desk.forbidden") << 403;
    QTest::newRow("sync.gap") << ErrorKind::Conflict << QStringLiteral("sync.gap") << 409;
    QTest::newRow("sync.gap of kind Invalid")
        << ErrorKind::Invalid << QStringLiteral("sync.gap") << 409;
    QTest::newRow("sync.seq_reused")
        << ErrorKind::Invalid << QStringLiteral("sync.seq_reused") << 409;
    QTest::newRow("sync.op_id_reused")
        << ErrorKind::Invalid << QStringLiteral("sync.op_id_reused") << 409;
    QTest::newRow("storage.full") << ErrorKind::Storage << QString::fromUtf16(StorageFull) << 503;
    QTest::newRow("storage.full of kind Io")
        << ErrorKind::Io << QStringLiteral("storage.full") << 503;
    QTest::newRow("json.malformed")
        << ErrorKind::Invalid << QStringLiteral("json.malformed") << 400;
    QTest::newRow("json.not_object")
        << ErrorKind::Invalid << QStringLiteral("json.not_object") << 400;
    QTest::newRow("json.too_deep") << ErrorKind::Invalid << QStringLiteral("json.too_deep") << 400;
    // Then by kind.
    QTest::newRow("Invalid") << ErrorKind::Invalid << QStringLiteral("field.invalid") << 400;
    QTest::newRow("NotFound") << ErrorKind::NotFound << QStringLiteral("user.not_found") << 404;
    QTest::newRow("Conflict") << ErrorKind::Conflict << QStringLiteral("user.exists") << 409;
    QTest::newRow("Storage") << ErrorKind::Storage << QStringLiteral("sql.error") << 500;
    QTest::newRow("Io") << ErrorKind::Io << QStringLiteral("file.write") << 500;
    QTest::newRow("Internal") << ErrorKind::Internal << QString() << 500;
}

void TestServerRules::statusFor()
{
    QFETCH(ErrorKind, kind);
    QFETCH(QString, code);
    QFETCH(int, status);
    const Error e = Error::make(kind, code, QStringLiteral("message"));
    QCOMPARE(http::statusFor(e), status);
    const Reply reply = http::errorReply(e);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.body.value(QStringLiteral("status")).toInt(), status);
}

void TestServerRules::serverErrorsHideTheDatabase()
{
    Error e = Error::make(ErrorKind::Storage, QStringLiteral("sql.error"),
                          QStringLiteral("database is locked"));
    e.detail = QStringLiteral("UNIQUE constraint failed: subscriber.number");
    Reply reply = http::errorReply(e);
    QCOMPARE(reply.body.value(QStringLiteral("code")).toString(), QStringLiteral("server.storage"));
    const QByteArray text = QJsonDocument(reply.body).toJson();
    QVERIFY2(!text.contains("UNIQUE") && !text.contains("locked"), text.constData());

    // A full disk: the desk is told to try again later.
    reply = http::errorReply(
        Error::make(ErrorKind::Storage, QString::fromUtf16(StorageFull), QStringLiteral("full")));
    QCOMPARE(reply.body.value(QStringLiteral("code")).toString(), QStringLiteral("storage.full"));
    QVERIFY(reply.headers.contains(std::pair{QByteArray("Retry-After"), QByteArray("60")}));
}

void TestServerRules::parsePush_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QStringList>("expected"); // "field:rule"; empty: the body parses

    const QJsonObject push = validPush(2);
    QTest::newRow("valid") << push << QStringList();
    QTest::newRow(qPrintable(QStringLiteral("valid: %1 operations").arg(Protocol::MaxOpsPerPush)))
        << validPush(Protocol::MaxOpsPerPush) << QStringList();

    QJsonObject b = push;
    b.remove(QStringLiteral("desk_id"));
    QTest::newRow("desk_id missing") << b << QStringList{QStringLiteral("desk_id:field.required")};
    b = push;
    b.insert(QStringLiteral("desk_id"), QStringLiteral("desk-1"));
    QTest::newRow("desk_id not a UUID") << b << QStringList{QStringLiteral("desk_id:field.uuid")};
    b = push;
    b.insert(QStringLiteral("desk_id"), 12);
    QTest::newRow("desk_id a number") << b << QStringList{QStringLiteral("desk_id:field.uuid")};
    b = push;
    b.remove(QStringLiteral("ops"));
    QTest::newRow("ops missing") << b << QStringList{QStringLiteral("ops:field.required")};
    b = push;
    b.insert(QStringLiteral("ops"), QJsonObject());
    QTest::newRow("ops an object") << b << QStringList{QStringLiteral("ops:field.type")};
    b = push;
    b.insert(QStringLiteral("force"), true);
    QTest::newRow("unknown field") << b << QStringList{QStringLiteral("force:field.unknown")};
    QTest::newRow(qPrintable(QStringLiteral("%1 operations").arg(Protocol::MaxOpsPerPush + 1)))
        << validPush(Protocol::MaxOpsPerPush + 1)
        << QStringList{QStringLiteral("ops:ops.too_many")};
    b = push;
    b.insert(QStringLiteral("ops"), QJsonArray{validOp(1), 2});
    QTest::newRow("an operation not an object")
        << b << QStringList{QStringLiteral("ops[1]:field.type")};

    QTest::newRow("seq fractional") << withOp(push, 1, QStringLiteral("seq"), 2.5)
                                    << QStringList{QStringLiteral("ops[1].seq:field.type")};
    QTest::newRow("seq a string") << withOp(push, 0, QStringLiteral("seq"), QStringLiteral("1"))
                                  << QStringList{QStringLiteral("ops[0].seq:field.type")};
    QTest::newRow("seq 2^53") << withOp(push, 0, QStringLiteral("seq"), 9007199254740992.0)
                              << QStringList{QStringLiteral("ops[0].seq:field.type")};
    QTest::newRow("seq 0") << withOp(withOp(push, 0, QStringLiteral("seq"), 0), 1,
                                     QStringLiteral("seq"), 1)
                           << QStringList{QStringLiteral("ops[0].seq:field.range")};
    QTest::newRow("seq missing") << withOp(push, 0, QStringLiteral("seq"), QJsonValue::Undefined)
                                 << QStringList{QStringLiteral("ops[0].seq:field.required")};
    QTest::newRow("seq skips one") << withOp(push, 1, QStringLiteral("seq"), 3)
                                   << QStringList{QStringLiteral("ops[1].seq:seq.order")};
    QTest::newRow("op of another desk")
        << withOp(push, 1, QStringLiteral("desk_id"),
                  QStringLiteral("11111111-2222-4333-8444-555555555555"))
        << QStringList{QStringLiteral("ops[1].desk_id:desk.mismatch")};
    QTest::newRow("entity unknown")
        << withOp(push, 0, QStringLiteral("entity"), QStringLiteral("invoice"))
        << QStringList{QStringLiteral("ops[0].entity:entity.unknown")};
    QTest::newRow("operation name")
        << withOp(push, 0, QStringLiteral("operation"), QStringLiteral("Complaint.create"))
        << QStringList{QStringLiteral("ops[0].operation:operation.format")};
    QTest::newRow("no fields") << withOp(push, 0, QStringLiteral("fields"), QJsonObject())
                               << QStringList{QStringLiteral("ops[0].fields:fields.empty")};
    QTest::newRow("update without base")
        << withOp(push, 0, QStringLiteral("operation"), QStringLiteral("complaint.update"))
        << QStringList{QStringLiteral("ops[0].base.kind:base.missing")};
    QTest::newRow("at not a time")
        << withOp(push, 0, QStringLiteral("at"), QStringLiteral("yesterday"))
        << QStringList{QStringLiteral("ops[0].at:field.datetime")};
}

void TestServerRules::parsePush()
{
    QFETCH(QJsonObject, body);
    QFETCH(QStringList, expected);
    const auto parsed = Protocol::parsePushRequest(body);
    if (expected.isEmpty()) {
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().fullText()));
        QCOMPARE(parsed->deskId, kDesk);
        QCOMPARE(parsed->ops.size(), body.value(QStringLiteral("ops")).toArray().size());
        QCOMPARE(parsed->ops.constLast().seq, qint64(parsed->ops.size()));
        return;
    }
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, ErrorKind::Invalid);
    QCOMPARE(pairsOf(parsed.error().issues), expected);
    // The whole request is refused with 400, whatever it was.
    QCOMPARE(http::statusFor(parsed.error()), 400);
}

QTEST_GUILESS_MAIN(TestServerRules)
#include "tst_serverrules.moc"

#include "deliverylist.h"

#include "database.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <tuple>

namespace Relais {

Subscriber DeliveryLine::recipient() const
{
    Subscriber s;
    s.meta.id = subscriberId;
    s.number = number;
    s.civility = civility;
    s.firstName = firstName;
    s.lastName = lastName;
    s.company = company;
    s.address = address;
    return s;
}

Status DeliveryListQuery::checkIssueDay(const Publication &publication, QDate date)
{
    if (!date.isValid())
        return Error::invalid(
            {Issue{QStringLiteral("date"), QStringLiteral("date.invalid"),
                   QCoreApplication::translate(
                       "Relais", "The issue date is missing or not a date (YYYY-MM-DD).")}});
    if (!publication.weekdays.contains(date))
        return Error::invalid({Issue{
            QStringLiteral("date"), QStringLiteral("date.not_issue_day"),
            QCoreApplication::translate("Relais",
                                        "%1 does not appear on %2 (%3); its issue days are %4.")
                .arg(publication.code, date.toString(Qt::ISODate),
                     QLocale::c().dayName(date.dayOfWeek()), publication.weekdays.toString())}});
    return Ok{};
}

namespace {

// Both statements return the same columns; the last four are the presort key.
#define RELAIS_DELIVERY_COLUMNS(addr)                                                              \
    "SELECT s.id, r.id, r.number, r.civility, r.first_name, r.last_name, r.company, " addr         \
    ".line2, " addr ".line3, " addr ".line4, " addr ".line5, " addr ".postal_code, " addr          \
    ".city, " addr                                                                                 \
    ".country, s.copies, s.payer_id, CASE WHEN s.payer_id = s.recipient_id THEN r.number "         \
    "ELSE (SELECT p.number FROM subscriber p WHERE p.id = s.payer_id) END, s.offer_id, "           \
    "s.start_date, s.end_date, r.sort_key "
#define RELAIS_DELIVERY_ACTIVE                                                                     \
    "s.publication_id = ?1 AND s.start_date <= ?2 AND s.deleted = 0 AND r.deleted = 0 "            \
    "AND (s.end_date IS NULL OR s.end_date >= ?2) AND (s.cancel_date IS NULL OR s.cancel_date > "  \
    "?2) "

enum Column {
    SubscriptionId,
    SubscriberId,
    Number,
    Civility,
    FirstName,
    LastName,
    Company,
    Line2,
    Line3,
    Line4,
    Line5,
    PostalCode,
    City,
    Country,
    Copies,
    PayerId,
    PayerNumber,
    OfferId,
    Start,
    End,
    SortKey
};

// A prepared statement of the raw SQLite API: the list is the one hot loop of the desk (a million
// subscribers), and QSqlQuery's QVariant per value costs a third of its time.
class RawStatement
{
public:
    RawStatement(sqlite3 *db, const QString &sql)
    {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &m_stmt, nullptr)
            != SQLITE_OK)
            m_error = QString::fromUtf8(sqlite3_errmsg(db));
    }
    ~RawStatement() { sqlite3_finalize(m_stmt); }
    RawStatement(const RawStatement &) = delete;
    RawStatement &operator=(const RawStatement &) = delete;

    const QString &error() const { return m_error; }
    void bind(int index, const QByteArray &text)
    {
        sqlite3_bind_text(m_stmt, index, text.constData(), int(text.size()), SQLITE_TRANSIENT);
    }
    // true: a row; false: done or failed (then error() says why).
    bool step()
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE)
            m_error = QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_stmt)));
        return false;
    }
    QByteArrayView bytes(int column) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
        return p ? QByteArrayView(p, sqlite3_column_bytes(m_stmt, column)) : QByteArrayView();
    }
    QString text(int column) const { return QString::fromUtf8(bytes(column)); }
    qint64 integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

private:
    sqlite3_stmt *m_stmt = nullptr;
    QString m_error;
};

struct PresortKey
{
    QByteArray postalCode;
    QByteArray sortKey;
    qint64 number = 0;
    QByteArray subscriptionId;
    // SQLite's BINARY collation compares UTF-8 bytes, as QByteArray does.
    friend bool operator<(const PresortKey &a, const PresortKey &b)
    {
        return std::tie(a.postalCode, a.sortKey, a.number, a.subscriptionId)
               < std::tie(b.postalCode, b.sortKey, b.number, b.subscriptionId);
    }
};

PresortKey keyOf(const RawStatement &st)
{
    return PresortKey{st.bytes(PostalCode).toByteArray(), st.bytes(SortKey).toByteArray(),
                      st.integer(Number), st.bytes(SubscriptionId).toByteArray()};
}

void readLine(const RawStatement &st, bool temporary, const QHash<QString, QString> &offerCodes,
              DeliveryLine &line)
{
    line.subscriptionId = st.text(SubscriptionId);
    line.subscriberId = st.text(SubscriberId);
    line.number = st.integer(Number);
    line.civility = st.text(Civility);
    line.firstName = st.text(FirstName);
    line.lastName = st.text(LastName);
    line.company = st.text(Company);
    line.address.line2 = st.text(Line2);
    line.address.line3 = st.text(Line3);
    line.address.line4 = st.text(Line4);
    line.address.line5 = st.text(Line5);
    line.address.postalCode = st.text(PostalCode);
    line.address.city = st.text(City);
    line.address.country = st.text(Country);
    line.temporaryAddress = temporary;
    line.copies = int(st.integer(Copies));
    line.payerId = st.text(PayerId);
    line.payerNumber = st.integer(PayerNumber);
    line.offerCode = offerCodes.value(st.text(OfferId));
    line.start = QDate::fromString(st.text(Start), Qt::ISODate);
    line.end = st.bytes(End).isNull() ? QDate() : QDate::fromString(st.text(End), Qt::ISODate);
}

} // namespace

const QStringList &DeliveryListQuery::statements()
{
    // 1. Subscriptions delivered to their recipient's own address: active on D (?2), with no hold
    //    and no holiday address covering D (one list computed once, not a lookup per row).
    // 2. Those delivered to a holiday address covering D and not held: a few hundred.
    // Each comes in presort order; forEach() merges them.
    static const QStringList sql = {
        QStringLiteral(RELAIS_DELIVERY_COLUMNS(
            "r") "FROM subscription s JOIN subscriber r ON r.id = s.recipient_id "
                 "WHERE " RELAIS_DELIVERY_ACTIVE
                 "AND s.id NOT IN (SELECT c.subscription_id FROM delivery_change c "
                 "  WHERE c.deleted = 0 AND c.from_date <= ?2 AND c.to_date >= ?2) "
                 "ORDER BY r.postal_code, r.sort_key, r.number, s.id"),
        QStringLiteral(RELAIS_DELIVERY_COLUMNS(
            "t") "FROM delivery_change t JOIN subscription s ON s.id = t.subscription_id "
                 "JOIN subscriber r ON r.id = s.recipient_id "
                 "WHERE t.kind = 'address' AND t.deleted = 0 AND t.from_date <= ?2 "
                 "AND t.to_date >= ?2 AND " RELAIS_DELIVERY_ACTIVE
                 "AND NOT EXISTS (SELECT 1 FROM delivery_change h WHERE h.subscription_id = s.id "
                 "  AND h.kind = 'hold' AND h.deleted = 0 AND h.from_date <= ?2 AND h.to_date >= "
                 "?2) "
                 "ORDER BY t.postal_code, r.sort_key, r.number, s.id"),
    };
    return sql;
}

Result<DeliverySummary> DeliveryListQuery::forEach(
    const Publication &publication, QDate date,
    const std::function<bool(const DeliveryLine &)> &sink)
{
    if (Status s = checkIssueDay(publication, date); !s)
        return s.error();
    QHash<QString, QString> offerCodes;
    {
        QSqlQuery offers(m_db);
        if (!offers.exec(QStringLiteral("SELECT id, code FROM offer")))
            return storageError(QStringLiteral("delivery list"), offers.lastError().text());
        while (offers.next())
            offerCodes.insert(offers.value(0).toString(), offers.value(1).toString());
    }
    const QVariant handle = m_db.driver()->handle();
    sqlite3 *db = handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0
                      ? *static_cast<sqlite3 *const *>(handle.data())
                      : nullptr;
    if (!db)
        return storageError(QStringLiteral("delivery list"),
                            QStringLiteral("not an SQLite connection"));

    const QByteArray pub = publication.meta.id.toUtf8();
    const QByteArray day = date.toString(Qt::ISODate).toLatin1();
    RawStatement own(db, statements().at(0));
    RawStatement holiday(db, statements().at(1));
    for (RawStatement *st : {&own, &holiday}) {
        if (!st->error().isEmpty())
            return storageError(QStringLiteral("delivery list"), st->error());
        st->bind(1, pub);
        st->bind(2, day);
    }
    // The holiday addresses are few: read them all, then slot each in where its key belongs.
    QList<std::pair<PresortKey, DeliveryLine>> away;
    while (holiday.step()) {
        DeliveryLine l;
        readLine(holiday, true, offerCodes, l);
        away.append({keyOf(holiday), std::move(l)});
    }
    if (!holiday.error().isEmpty())
        return storageError(QStringLiteral("delivery list"), holiday.error());

    DeliverySummary summary;
    auto deliver = [&](const DeliveryLine &l) {
        ++summary.lines;
        summary.copies += l.copies;
        return sink(l);
    };
    const Error cancelled = Error::make(ErrorKind::Internal, QStringLiteral("cancelled"),
                                        QCoreApplication::translate("Relais", "Cancelled."));
    qsizetype next = 0;
    DeliveryLine line;
    while (own.step()) {
        if (next < away.size()) {
            const PresortKey key = keyOf(own);
            while (next < away.size() && away.at(next).first < key)
                if (!deliver(away.at(next++).second))
                    return cancelled;
        }
        readLine(own, false, offerCodes, line);
        if (!deliver(line))
            return cancelled;
    }
    if (!own.error().isEmpty())
        return storageError(QStringLiteral("delivery list"), own.error());
    while (next < away.size())
        if (!deliver(away.at(next++).second))
            return cancelled;
    return summary;
}

Result<QList<DeliveryLine>> DeliveryListQuery::lines(const Publication &publication, QDate date)
{
    QList<DeliveryLine> out;
    auto r = forEach(publication, date, [&out](const DeliveryLine &l) {
        out << l;
        return true;
    });
    if (!r)
        return r.error();
    return out;
}

Result<DeliveryListQuery::IssueEvents> DeliveryListQuery::issueEvents(
    const Publication &publication, QDate date, QDate complaintsIssue)
{
    IssueEvents out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT d.kind, count(*) FROM delivery_change d JOIN subscription s "
                             "ON s.id = d.subscription_id "
                             "WHERE s.publication_id = ? AND s.deleted = 0 AND d.deleted = 0 "
                             "AND d.from_date <= ? AND d.to_date >= ? GROUP BY d.kind"));
    q.addBindValue(publication.meta.id);
    q.addBindValue(date.toString(Qt::ISODate));
    q.addBindValue(date.toString(Qt::ISODate));
    if (!q.exec())
        return storageError(QStringLiteral("delivery_change"), q.lastError().text());
    while (q.next()) {
        if (q.value(0).toString() == u"hold")
            out.holds = q.value(1).toLongLong();
        else
            out.holidayAddresses = q.value(1).toLongLong();
    }
    q.prepare(QStringLiteral(
        "SELECT c.kind, count(*) FROM complaint c JOIN subscription s ON s.id = c.subscription_id "
        "WHERE s.publication_id = ? AND c.deleted = 0 AND c.issue_date = ? GROUP BY c.kind"));
    q.addBindValue(publication.meta.id);
    q.addBindValue(complaintsIssue.toString(Qt::ISODate));
    if (!q.exec())
        return storageError(QStringLiteral("complaint"), q.lastError().text());
    while (q.next())
        out.complaints.insert(q.value(0).toString(), q.value(1).toLongLong());
    return out;
}

} // namespace Relais

#include "deliverylist.h"

#include "database.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QSqlError>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>

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
        return Error::invalid({Issue{QStringLiteral("date"), QStringLiteral("date.invalid"),
                                     QCoreApplication::translate("Relais", "The issue date is missing or not a date (YYYY-MM-DD).")}});
    if (!publication.weekdays.contains(date))
        return Error::invalid({Issue{
            QStringLiteral("date"), QStringLiteral("date.not_issue_day"),
            QCoreApplication::translate("Relais", "%1 does not appear on %2 (%3); its issue days are %4.")
                .arg(publication.code, date.toString(Qt::ISODate),
                     QLocale::c().dayName(date.dayOfWeek()), publication.weekdays.toString())}});
    return Ok{};
}

namespace {

// Both statements return the same columns; the last four are the presort key.
#define RELAIS_DELIVERY_COLUMNS(addr)                                                              \
    "SELECT s.id, r.id, r.number, r.civility, r.first_name, r.last_name, r.company, " addr ".line2, " \
    addr ".line3, " addr ".line4, " addr ".line5, " addr ".postal_code, " addr ".city, "             \
    addr ".country, s.copies, s.payer_id, CASE WHEN s.payer_id = s.recipient_id THEN r.number "     \
    "ELSE (SELECT p.number FROM subscriber p WHERE p.id = s.payer_id) END, s.offer_id, "            \
    "s.start_date, s.end_date, r.sort_key "
#define RELAIS_DELIVERY_ACTIVE                                                                     \
    "s.publication_id = ?1 AND s.start_date <= ?2 AND s.deleted = 0 AND r.deleted = 0 "            \
    "AND (s.end_date IS NULL OR s.end_date >= ?2) AND (s.cancel_date IS NULL OR s.cancel_date > ?2) "

enum Column {
    SubscriptionId, SubscriberId, Number, Civility, FirstName, LastName, Company, Line2, Line3, Line4,
    Line5, PostalCode, City, Country, Copies, PayerId, PayerNumber, OfferId, Start, End, SortKey,
    ColumnCount
};

// A prepared statement of the raw SQLite API: the list is the one hot loop of the desk (a million
// subscribers), and QSqlQuery's QVariant per value costs a third of its time.
class RawStatement
{
public:
    RawStatement(sqlite3 *db, const QString &sql)
    {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &m_stmt, nullptr) != SQLITE_OK)
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

// The rows of a list, packed: every column's bytes as SQLite gave them, each behind its length,
// one arena for all rows. A million-subscriber title's list is about 90 MB here, against some 300
// MB as DeliveryLine values, and sorting it here takes a fraction of what SQLite's sorter takes
// with the whole row as payload.
class PackedRows
{
public:
    struct Entry
    {
        QByteArray key; // postal code \0 sort key \0: byte order is SQLite's BINARY order
        qint64 number = 0;
        qsizetype offset = 0;
        bool temporary = false;
    };

    void append(const RawStatement &st, bool temporary)
    {
        Entry e;
        e.offset = m_arena.size();
        e.temporary = temporary;
        e.number = st.integer(Number);
        const QByteArrayView postal = st.bytes(PostalCode);
        const QByteArrayView sortKey = st.bytes(SortKey);
        e.key.reserve(postal.size() + sortKey.size() + 2);
        e.key.append(postal).append('\0').append(sortKey).append('\0');
        for (int c = 0; c < ColumnCount; ++c) {
            const QByteArrayView v = st.bytes(c);
            const qint32 n = v.isNull() ? -1 : qint32(v.size());
            m_arena.append(reinterpret_cast<const char *>(&n), sizeof n);
            if (n > 0)
                m_arena.append(v);
        }
        m_entries.append(std::move(e));
    }

    void sort()
    {
        std::sort(m_entries.begin(), m_entries.end(), [this](const Entry &a, const Entry &b) {
            if (const int c = a.key.compare(b.key); c != 0)
                return c < 0;
            if (a.number != b.number)
                return a.number < b.number;
            return column(a, SubscriptionId) < column(b, SubscriptionId);
        });
    }

    const QList<Entry> &entries() const { return m_entries; }

    QByteArrayView column(const Entry &e, int wanted) const
    {
        qsizetype at = e.offset;
        for (int c = 0;; ++c) {
            qint32 n;
            std::memcpy(&n, m_arena.constData() + at, sizeof n);
            at += sizeof n;
            if (c == wanted)
                return n < 0 ? QByteArrayView() : QByteArrayView(m_arena.constData() + at, n);
            at += qMax(n, 0);
        }
    }

    void read(const Entry &e, const QHash<QString, QString> &offerCodes, DeliveryLine &line) const
    {
        auto text = [&](int c) { return QString::fromUtf8(column(e, c)); };
        line.subscriptionId = text(SubscriptionId);
        line.subscriberId = text(SubscriberId);
        line.number = e.number;
        line.civility = text(Civility);
        line.firstName = text(FirstName);
        line.lastName = text(LastName);
        line.company = text(Company);
        line.address.line2 = text(Line2);
        line.address.line3 = text(Line3);
        line.address.line4 = text(Line4);
        line.address.line5 = text(Line5);
        line.address.postalCode = text(PostalCode);
        line.address.city = text(City);
        line.address.country = text(Country);
        line.temporaryAddress = e.temporary;
        line.copies = column(e, Copies).toInt();
        line.payerId = text(PayerId);
        line.payerNumber = column(e, PayerNumber).toLongLong();
        line.offerCode = offerCodes.value(text(OfferId));
        line.start = QDate::fromString(text(Start), Qt::ISODate);
        line.end = column(e, End).isNull() ? QDate() : QDate::fromString(text(End), Qt::ISODate);
    }

private:
    QByteArray m_arena;
    QList<Entry> m_entries;
};

} // namespace

const QStringList &DeliveryListQuery::statements()
{
    // 1. Subscriptions delivered to their recipient's own address: active on D (?2), with no hold
    //    and no holiday address covering D (one list computed once, not a lookup per row).
    // 2. Those delivered to a holiday address covering D and not held: a few hundred.
    // forEach() sorts them together in presort order (postal code, name, number, subscription).
    static const QStringList sql = {
        QStringLiteral(RELAIS_DELIVERY_COLUMNS("r")
                       "FROM subscription s JOIN subscriber r ON r.id = s.recipient_id "
                       "WHERE " RELAIS_DELIVERY_ACTIVE
                       "AND s.id NOT IN (SELECT c.subscription_id FROM delivery_change c "
                       "  WHERE c.deleted = 0 AND c.from_date <= ?2 AND c.to_date >= ?2)"),
        QStringLiteral(RELAIS_DELIVERY_COLUMNS("t")
                       "FROM delivery_change t JOIN subscription s ON s.id = t.subscription_id "
                       "JOIN subscriber r ON r.id = s.recipient_id "
                       "WHERE t.kind = 'address' AND t.deleted = 0 AND t.from_date <= ?2 "
                       "AND t.to_date >= ?2 AND " RELAIS_DELIVERY_ACTIVE
                       "AND NOT EXISTS (SELECT 1 FROM delivery_change h WHERE h.subscription_id = s.id "
                       "  AND h.kind = 'hold' AND h.deleted = 0 AND h.from_date <= ?2 AND h.to_date >= ?2)"),
    };
    return sql;
}

Result<DeliverySummary> DeliveryListQuery::forEach(const Publication &publication, QDate date,
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
        return storageError(QStringLiteral("delivery list"), QStringLiteral("not an SQLite connection"));

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
    PackedRows rows;
    for (auto [st, temporary] : {std::pair{&own, false}, std::pair{&holiday, true}}) {
        while (st->step())
            rows.append(*st, temporary);
        if (!st->error().isEmpty())
            return storageError(QStringLiteral("delivery list"), st->error());
    }
    rows.sort();

    DeliverySummary summary;
    DeliveryLine line;
    for (const PackedRows::Entry &e : rows.entries()) {
        rows.read(e, offerCodes, line);
        ++summary.lines;
        summary.copies += line.copies;
        if (!sink(line))
            return Error::make(ErrorKind::Internal, QStringLiteral("cancelled"),
                               QCoreApplication::translate("Relais", "Cancelled."));
    }
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

} // namespace Relais

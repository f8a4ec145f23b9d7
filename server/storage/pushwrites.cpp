// A push's writes and checks: the rows it holds back and sends many at a time (flushPending),
// a row loaded as the push sees it, and the rules a changed row must meet (references, unique
// codes and numbers, overlapping holds). docs/server.md, "Push".

#include "push_p.h"

#include "rules.h"
#include "validation.h"

#include <QScopeGuard>
#include <QSqlError>

namespace Relais::Server {

namespace detail {

using namespace Protocol;

// Columns the server computes from others: a subscriber's sort key comes from its name. A desk's
// value is ignored (two desks changing the first and the last name would otherwise conflict on
// it), and the key is computed from the row after the change.
bool derivedColumn(const Protocol::Table &table, const QString &column)
{
    return table.name == u"subscriber" && column == u"sort_key";
}

void deriveColumns(const Protocol::Table &table, QVariantMap *row, QStringList *changed,
                   bool create)
{
    if (table.name != u"subscriber")
        return;
    // An INSEE code the operation left as it was, on an address it moved where the code no longer
    // fits (another desk set the code meanwhile): dropped, as a desk drops it on such an edit
    // (Validation::dropStaleInseeCode), rather than refusing the move for a field it never named.
    static const QString kInsee = QStringLiteral("insee_code");
    bool moved = false;
    for (const char *c : {"postal_code", "city", "country"})
        moved = moved || changed->contains(QLatin1StringView(c));
    if (!create && moved && !changed->contains(kInsee)
        && !row->value(kInsee).toString().isEmpty()) {
        Address a;
        a.postalCode = row->value(QStringLiteral("postal_code")).toString();
        a.city = row->value(QStringLiteral("city")).toString();
        a.country = row->value(QStringLiteral("country")).toString();
        a.inseeCode = row->value(kInsee).toString();
        if (!Validation::inseeCodeFits(a)) {
            row->insert(kInsee, QStringLiteral(""));
            changed->append(kInsee);
        }
    }
    static const QString kSortKey = QStringLiteral("sort_key");
    bool nameChanged = create;
    for (const char *c : {"last_name", "first_name", "company"})
        nameChanged = nameChanged || changed->contains(QLatin1StringView(c));
    if (!nameChanged)
        return;
    const QString key = Validation::sortKey(row->value(QStringLiteral("last_name")).toString(),
                                            row->value(QStringLiteral("first_name")).toString(),
                                            row->value(QStringLiteral("company")).toString());
    if (row->value(kSortKey).toString() == key)
        return;
    row->insert(kSortKey, key);
    if (!changed->contains(kSortKey))
        changed->append(kSortKey);
}

bool sameValue(const QVariant &a, const QVariant &b)
{
    const bool an = !a.isValid() || a.isNull();
    const bool bn = !b.isValid() || b.isNull();
    if (an || bn)
        return an == bn;
    return a.toString() == b.toString();
}

// Which table a reference column points to.
QString referencedTable(const QString &column)
{
    if (column == u"publication_id")
        return QStringLiteral("publication");
    if (column == u"offer_id")
        return QStringLiteral("offer");
    if (column == u"recipient_id" || column == u"payer_id")
        return QStringLiteral("subscriber");
    if (column == u"subscription_id")
        return QStringLiteral("subscription");
    return {};
}

QVariant normalized(const Protocol::Column &c, const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return QVariant();
    if (c.type == ColumnType::Integer)
        return QVariant(v.toLongLong());
    // A null QString would be bound as SQL NULL; NOT NULL text columns hold '' instead.
    const QString s = v.toString();
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

const TableSql &sqlFor(const Protocol::Table &table)
{
    static const QHash<QString, TableSql> all = [] {
        QHash<QString, TableSql> h;
        for (const Protocol::Table &t : syncedTables()) {
            QStringList cols;
            for (const Protocol::Column &c : t.columns)
                cols << c.name;
            QStringList insertCols{QStringLiteral("id"), QStringLiteral("owner_id")};
            insertCols << cols << QStringLiteral("rev") << QStringLiteral("updated_at")
                       << QStringLiteral("updated_by");
            h.insert(t.name,
                     TableSql{QStringLiteral("SELECT owner_id, %1 FROM %2 WHERE id = ?")
                                  .arg(cols.join(u','), t.name),
                              QStringLiteral("SELECT id, owner_id, %1 FROM %2 WHERE id IN (%3)")
                                  .arg(cols.join(u','), t.name, QStringLiteral("%1")),
                              QStringLiteral(
                                  "INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT DO NOTHING")
                                  .arg(t.name, insertCols.join(u','),
                                       placeholders(insertCols.size())),
                              insertCols});
        }
        return h;
    }();
    return *all.constFind(table.name);
}

// The column a live row must hold a value of alone within its publisher, or empty.
QString uniqueColumnOf(const QString &table)
{
    if (table == u"subscriber")
        return QStringLiteral("number");
    if (table == u"publication" || table == u"offer")
        return QStringLiteral("code");
    return {};
}

// That value, as "table/value", or empty (no such column, or a deleted row).
QString uniqueKeyOf(const Protocol::Table &table, const QVariantMap &row)
{
    const QString column = uniqueColumnOf(table.name);
    if (column.isEmpty() || row.value(QStringLiteral("deleted")).toLongLong() != 0)
        return {};
    return table.name + u'/' + row.value(column).toString();
}

const QStringList kChangeLogColumns = {QStringLiteral("seq"), QStringLiteral("owner_id"),
                                       QStringLiteral("entity"), QStringLiteral("entity_id"),
                                       QStringLiteral("row_json")};
const QStringList kOpsColumns = {QStringLiteral("desk_id"),   QStringLiteral("seq"),
                                 QStringLiteral("op_id"),     QStringLiteral("digest"),
                                 QStringLiteral("status"),    QStringLiteral("rev"),
                                 QStringLiteral("result"),    QStringLiteral("op"),
                                 QStringLiteral("user_name"), QStringLiteral("received_at")};

} // namespace detail

using namespace Protocol;
using detail::deriveColumns;
using detail::derivedColumn;
using detail::InListChunk;
using detail::isoUtc;
using detail::kChangeLogColumns;
using detail::kInsertChunk;
using detail::kOpsColumns;
using detail::newId;
using detail::normalized;
using detail::placeholders;
using detail::referencedTable;
using detail::sameValue;
using detail::sqlFor;
using detail::storage;
using detail::tr;
using detail::uniqueColumnOf;
using detail::uniqueKeyOf;

namespace {
constexpr qsizetype kCopyFromRows = 64;
} // namespace

Status SqlServerStore::flushInserts(const QString &table, const QStringList &columns,
                                    QList<QVariantList> &rows, bool ignoreConflicts,
                                    bool bytesAreText)
{
    if (m_nativeInserts) {
        Status s = m_native.insert(table, columns, rows, ignoreConflicts, bytesAreText);
        rows.clear();
        return s;
    }
    // COPY costs two round trips where a multi-row INSERT costs one: for a few rows (a clerk's
    // push) the INSERT is as quick; from a few dozen on COPY is quicker (restores, large pushes).
    if (m_copyInserts && rows.size() >= kCopyFromRows && m_copy.ready()) {
        Status s = m_copy.insert(table, columns, rows, ignoreConflicts, bytesAreText);
        if (s)
            m_copiedRows += rows.size();
        rows.clear();
        return s;
    }
    if (bytesAreText) // QtSql would bind them as blobs
        for (QVariantList &row : rows)
            for (QVariant &v : row)
                if (v.typeId() == QMetaType::QByteArray)
                    v = QString::fromUtf8(v.toByteArray());
    while (!rows.isEmpty()) {
        const int n = int(qMin<qsizetype>(kInsertChunk, rows.size()));
        const QString tuple = u'(' + placeholders(columns.size()) + u')';
        QStringList tuples;
        tuples.fill(tuple, n);
        QVariantList values;
        values.reserve(n * columns.size());
        for (int i = 0; i < n; ++i)
            values << rows.at(i);
        if (Status s = exec(QStringLiteral("INSERT INTO %1 (%2) VALUES %3%4")
                                .arg(table, columns.join(u','), tuples.join(u','),
                                     ignoreConflicts ? QStringLiteral(" ON CONFLICT DO NOTHING")
                                                     : QString()),
                            values);
            !s)
            return s;
        rows.remove(0, n);
    }
    return Ok{};
}

Status SqlServerStore::flushPending()
{
    if (!m_push)
        return Ok{};
    PushContext &ctx = *m_push;
    m_flushing = true;
    const auto done = qScopeGuard([this] { m_flushing = false; });
    // Inserts first: an update held back may be of a row created earlier in the same push.
    for (auto it = ctx.pendingInserts.begin(); it != ctx.pendingInserts.end(); ++it) {
        // No foreign keys between the server's tables: the order of the tables does not matter.
        const Table &table = *tableByName(it.key());
        QList<QVariantList> rows = std::move(it.value());
        // No ON CONFLICT: the push checked these rows cannot collide; if one does anyway the
        // statement fails and the whole push with it.
        if (Status st = flushInserts(table.name, sqlFor(table).insertColumns, rows); !st)
            return st;
    }
    ctx.pendingInserts.clear();
    for (PushContext::UpdateGroup &g : ctx.pendingUpdates) {
        const Table &table = *tableByName(g.table);
        QStringList sets;
        for (int i = 0; i < g.columns.size(); ++i)
            sets << QStringLiteral("%1 = v.column%2").arg(g.columns.at(i)).arg(i + 2);
        // VALUES columns are named column1, column2 ... in both engines; integers are cast so that
        // PostgreSQL does not take the parameters for text.
        QStringList marks{QStringLiteral("?")};
        for (const QString &c : g.columns) {
            const Column *col = columnOf(table, c);
            const bool integer = c == u"rev" || (col && col->type == ColumnType::Integer);
            marks << (integer ? QStringLiteral("CAST(? AS BIGINT)") : QStringLiteral("?"));
        }
        const QString tuple = u'(' + marks.join(u',') + u')';
        while (!g.rows.isEmpty()) {
            const int n = int(qMin<qsizetype>(kInsertChunk, g.rows.size()));
            QStringList tuples;
            tuples.fill(tuple, n);
            QVariantList values;
            values.reserve(n * marks.size());
            for (int i = 0; i < n; ++i)
                values << g.rows.at(i);
            auto q = run(QStringLiteral(
                             "UPDATE %1 SET %2 FROM (VALUES %3) AS v WHERE %1.id = v.column1")
                             .arg(table.name, sets.join(u','), tuples.join(u',')),
                         values);
            if (!q)
                return q.error();
            const int updated = (*q)->numRowsAffected();
            (*q)->finish();
            if (updated != n)
                return Error::make(ErrorKind::Storage, QStringLiteral("storage"),
                                   tr("An update of %1 rows of %2 changed %3.")
                                       .arg(n)
                                       .arg(table.name)
                                       .arg(updated));
            g.rows.remove(0, n);
        }
    }
    ctx.pendingUpdates.clear();
    ctx.updateGroupIndex.clear();
    ctx.pendingUpdateRows.clear();
    return Ok{};
}

Result<SqlServerStore::Current> SqlServerStore::loadRow(const Table &table, const QString &id,
                                                        const QString &ownerId)
{
    auto q = run(sqlFor(table).load, {id});
    if (!q)
        return q.error();
    Current cur;
    if (!(*q)->next())
        return cur;
    cur.exists = true;
    // Another publisher's row is answered exactly like a missing one: its existence is not told.
    cur.mine = (*q)->value(0).toString() == ownerId;
    if (cur.mine)
        for (int i = 0; i < table.columns.size(); ++i)
            cur.row.insert(table.columns.at(i).name,
                           normalized(table.columns.at(i), (*q)->value(i + 1)));
    (*q)->finish();
    return cur;
}

// A create of a row the publisher already holds with the same values is applied with nothing to
// write: after a server rebuilt from one desk's copy (a reseed), another desk sends again the
// creations the new server never saw, and their rows are there, from the copy.
Result<bool> SqlServerStore::sameRowThere(const Table &table, const QString &id,
                                          const QString &ownerId, const QVariantMap &row)
{
    auto existing = loadRow(table, id, ownerId);
    if (!existing)
        return existing.error();
    if (!existing->exists || !existing->mine)
        return false;
    for (const Column &c : table.columns)
        if (!derivedColumn(table, c.name) && c.name != u"publisher_id"
            && !sameValue(existing->row.value(c.name), row.value(c.name)))
            return false;
    return true;
}

Result<Issues> SqlServerStore::checkRules(const Table &table, const QString &id,
                                          const QVariantMap &row, const QString &ownerId,
                                          const QStringList &changed, bool checkUnique)
{
    // Columns no rule looks at: changing only those cannot break a rule the row met before.
    static const QStringList kFreeColumns = {QStringLiteral("notes"), QStringLiteral("consents"),
                                             QStringLiteral("sort_key"), QStringLiteral("note")};
    bool onlyFree = !changed.contains(QStringLiteral("deleted"));
    for (const QString &c : changed)
        onlyFree = onlyFree && kFreeColumns.contains(c);
    if (onlyFree)
        return Issues{};
    Issues issues = Rules::checkRow(table, row);
    if (row.value(QStringLiteral("deleted")).toLongLong() != 0)
        return issues;
    // References point to live rows of the same publisher.
    for (const Column &c : table.columns) {
        const QString target = referencedTable(c.name);
        if (target.isEmpty() || !changed.contains(c.name))
            continue;
        auto q = run(QStringLiteral(
                         "SELECT 1 FROM %1 WHERE id = ? AND owner_id = ? AND deleted = 0")
                         .arg(target),
                     {row.value(c.name), ownerId});
        if (!q)
            return q.error();
        const bool found = (*q)->next();
        (*q)->finish();
        if (!found)
            issues << Issue{c.name, QStringLiteral("reference.unknown"),
                            tr("The %1 this refers to does not exist.").arg(target)};
    }
    // Codes and numbers are unique within a publisher.
    const auto unique = [&](const char *column, const QString &rule,
                            const QString &message) -> Status {
        const QString col = QString::fromLatin1(column);
        if (!checkUnique
            || (!changed.contains(col) && !changed.contains(QStringLiteral("deleted"))))
            return Ok{};
        auto q = run(
            QStringLiteral(
                "SELECT 1 FROM %1 WHERE owner_id = ? AND %2 = ? AND id <> ? AND deleted = 0")
                .arg(table.name, col),
            {ownerId, row.value(col), id});
        if (!q)
            return q.error();
        const bool taken = (*q)->next();
        (*q)->finish();
        if (taken)
            issues << Issue{col, rule, message};
        return Ok{};
    };
    Status s;
    if (table.name == u"publication" || table.name == u"offer")
        s = unique("code", QStringLiteral("code.duplicate"),
                   tr("The code %1 is already taken.")
                       .arg(row.value(QStringLiteral("code")).toString()));
    else if (table.name == u"subscriber")
        s = unique("number", QStringLiteral("number.duplicate"),
                   tr("Subscriber number %1 is already taken.")
                       .arg(row.value(QStringLiteral("number")).toLongLong()));
    if (!s)
        return s.error();
    if (table.name == u"subscription" && issues.isEmpty()
        && (changed.contains(QStringLiteral("offer_id"))
            || changed.contains(QStringLiteral("publication_id")))) {
        auto q = run(QStringLiteral("SELECT publication_id FROM offer WHERE id = ?"),
                     {row.value(QStringLiteral("offer_id"))});
        if (!q)
            return q.error();
        const QString pub = (*q)->next() ? (*q)->value(0).toString() : QString();
        (*q)->finish();
        if (pub != row.value(QStringLiteral("publication_id")).toString())
            issues << Issue{QStringLiteral("publication_id"),
                            QStringLiteral("publication.mismatch"),
                            tr("The subscription's title is not the title of its offer.")};
    }
    if (table.name == u"delivery_change" && issues.isEmpty()) {
        auto q = run(QStringLiteral("SELECT kind, from_date, to_date FROM delivery_change WHERE "
                                    "subscription_id = ? AND id <> ? AND deleted = 0"),
                     {row.value(QStringLiteral("subscription_id")), id});
        if (!q)
            return q.error();
        QList<QVariantMap> others;
        while ((*q)->next())
            others << QVariantMap{{QStringLiteral("kind"), (*q)->value(0)},
                                  {QStringLiteral("from_date"), (*q)->value(1)},
                                  {QStringLiteral("to_date"), (*q)->value(2)}};
        (*q)->finish();
        issues << Rules::checkOverlap(row, others);
    }
    return issues;
}

} // namespace Relais::Server

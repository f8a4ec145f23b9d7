#include "search.h"

#include "database.h"

#include <QSqlError>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <QSqlQuery>

namespace Relais {

QString SubscriberSearch::matchExpression(const QString &text, bool prefix)
{
    const QString trimmed = text.trimmed();
    bool phoneLike = !trimmed.isEmpty();
    QString digits;
    for (QChar c : trimmed) {
        if (c.isDigit())
            digits += c;
        else if (!(c.isSpace() || c == u'.' || c == u'-' || c == u'+' || c == u'/'))
            phoneLike = false;
    }
    QStringList tokens;
    if (phoneLike && !digits.isEmpty()) {
        tokens << digits;
    } else {
        QString current;
        for (QChar c : trimmed) {
            if (c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing) {
                current += c;
            } else if (!current.isEmpty()) {
                tokens << current;
                current.clear();
            }
        }
        if (!current.isEmpty())
            tokens << current;
    }
    QStringList terms;
    for (const QString &t : std::as_const(tokens))
        terms << u'"' + t + (prefix ? QStringLiteral("\"*") : QStringLiteral("\"")); // no quote inside: a separator above
    return terms.join(u' ');
}

Result<SearchMatches> SubscriberSearch::matches(const QString &text, int maxRows, int maxRanked)
{
    SearchMatches out;
    const QString match = matchExpression(text);
    if (match.isEmpty() || maxRows <= 0)
        return out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT rowid FROM subscriber_fts WHERE subscriber_fts MATCH ? LIMIT ?"));
    q.addBindValue(match);
    q.addBindValue(qMax(maxRows, maxRanked) + 1);
    if (!q.exec())
        return storageError(QStringLiteral("search"), q.lastError().text());
    while (q.next())
        out.rows << q.value(0).toLongLong();
    q.finish();
    out.total = out.rows.size();
    out.complete = out.rows.size() <= maxRows;
    if (out.rows.size() > maxRanked) {
        out.rows.resize(qMin<qsizetype>(out.rows.size(), maxRows));
        return out;
    }
    out.ranked = true;
    if (out.rows.size() <= 1)
        return out;
    q.prepare(QStringLiteral("SELECT rowid FROM subscriber_fts WHERE subscriber_fts MATCH ? "
                             "ORDER BY rank LIMIT ?"));
    q.addBindValue(match);
    q.addBindValue(out.rows.size()); // all of them: the whole words may rank low
    if (!q.exec())
        return storageError(QStringLiteral("search"), q.lastError().text());
    out.rows.clear();
    while (q.next())
        out.rows << q.value(0).toLongLong();
    q.finish();
    // BM25 cannot tell "Martin" from "Martinez" when both match the prefix "martin": rows where
    // every word the clerk typed is a whole word come first, each group in BM25 order.
    const QString exact = matchExpression(text, false);
    QStringList marks;
    marks.fill(QStringLiteral("?"), out.rows.size());
    q.prepare(QStringLiteral("SELECT rowid FROM subscriber_fts WHERE subscriber_fts MATCH ? AND rowid IN (%1)")
                  .arg(marks.join(u',')));
    q.addBindValue(exact);
    for (qint64 row : std::as_const(out.rows))
        q.addBindValue(row);
    if (!q.exec())
        return storageError(QStringLiteral("search"), q.lastError().text());
    QSet<qint64> whole;
    while (q.next())
        whole.insert(q.value(0).toLongLong());
    std::stable_partition(out.rows.begin(), out.rows.end(), [&whole](qint64 r) { return whole.contains(r); });
    out.rows.resize(qMin<qsizetype>(out.rows.size(), maxRows));
    return out;
}

Result<QList<SearchHit>> SubscriberSearch::run(const QString &text, int limit)
{
    QList<SearchHit> hits;
    // The rows are fetched with one bound value each; SQLite allows 32766.
    auto found = matches(text, qMin(limit, 1000));
    if (!found)
        return found.error();
    const QList<qint64> *rows = &found->rows;
    if (rows->isEmpty())
        return hits;
    QStringList marks;
    marks.fill(QStringLiteral("?"), rows->size());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, id, number, civility, first_name, last_name, company, line4, "
                             "postal_code, city, email, phone FROM subscriber WHERE seq IN (%1)")
                  .arg(marks.join(u',')));
    for (qint64 seq : std::as_const(*rows))
        q.addBindValue(seq);
    if (!q.exec())
        return storageError(QStringLiteral("search"), q.lastError().text());
    QHash<qint64, qsizetype> position;
    for (qsizetype i = 0; i < rows->size(); ++i)
        position.insert(rows->at(i), i);
    hits.resize(rows->size());
    while (q.next()) {
        SearchHit h;
        h.seq = q.value(0).toLongLong();
        h.id = q.value(1).toString();
        h.number = q.value(2).toLongLong();
        h.civility = q.value(3).toString();
        h.firstName = q.value(4).toString();
        h.lastName = q.value(5).toString();
        h.company = q.value(6).toString();
        h.line4 = q.value(7).toString();
        h.postalCode = q.value(8).toString();
        h.city = q.value(9).toString();
        h.email = q.value(10).toString();
        h.phone = q.value(11).toString();
        hits[position.value(h.seq)] = h;
    }
    // A row deleted between the two statements leaves a hole: drop it.
    hits.removeIf([](const SearchHit &h) { return h.seq == 0; });
    return hits;
}

} // namespace Relais

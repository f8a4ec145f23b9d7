#include "search.h"

#include "database.h"
#include "validation.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Relais {

QStringList SubscriberSearch::words(const QString &text)
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
    return tokens;
}

QString SubscriberSearch::matchExpression(const QString &text)
{
    QStringList terms;
    for (const QString &t : words(text))
        terms << u'"' + t + QStringLiteral("\"*"); // a word holds no quote: it is a separator
    return terms.join(u' ');
}

namespace {

// Upper case without accents, split on anything but letters and digits: close enough to the
// index's unicode61 tokenizer to tell whole words from prefixes.
QSet<QString> foldedWords(const QString &text)
{
    QSet<QString> out;
    const QString folded = Validation::foldForPostal(text);
    QString current;
    for (QChar c : folded) {
        if (c.isLetterOrNumber()) {
            current += c;
        } else if (!current.isEmpty()) {
            out.insert(current);
            current.clear();
        }
    }
    if (!current.isEmpty())
        out.insert(current);
    return out;
}

} // namespace

Result<SearchMatches> SubscriberSearch::matches(const QString &text, int maxRows, int maxRanked)
{
    SearchMatches out;
    const QString match = matchExpression(text);
    if (match.isEmpty() || maxRows <= 0)
        return out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT rowid FROM subscriber_fts WHERE subscriber_fts MATCH ? LIMIT ?"));
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
    // Checked here on the ranked rows' own text: a second FTS5 query for the whole words costs as
    // much as the first when the words are common ("julien robert").
    QStringList typed;
    for (const QString &w : words(text))
        typed << Validation::foldForPostal(w);
    QStringList marks;
    marks.fill(QStringLiteral("?"), out.rows.size());
    q.prepare(
        QStringLiteral(
            "SELECT seq, first_name || ' ' || last_name || ' ' || company || ' ' || city || ' ' "
            "|| email || ' ' || postal_code || ' ' || number || ' ' || "
            "replace(replace(replace(replace(phone, ' ', ''), '.', ''), '-', ''), '+', '') "
            "FROM subscriber WHERE seq IN (%1)")
            .arg(marks.join(u',')));
    for (qint64 row : std::as_const(out.rows))
        q.addBindValue(row);
    if (!q.exec())
        return storageError(QStringLiteral("search"), q.lastError().text());
    QSet<qint64> whole;
    while (q.next()) {
        const QSet<QString> rowWords = foldedWords(q.value(1).toString());
        if (std::all_of(typed.cbegin(), typed.cend(),
                        [&rowWords](const QString &w) { return rowWords.contains(w); }))
            whole.insert(q.value(0).toLongLong());
    }
    std::stable_partition(out.rows.begin(), out.rows.end(),
                          [&whole](qint64 r) { return whole.contains(r); });
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
    q.prepare(
        QStringLiteral("SELECT seq, id, number, civility, first_name, last_name, company, line4, "
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

#include "search.h"

#include "database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Relais {

QString SubscriberSearch::matchExpression(const QString &text)
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
        terms << u'"' + t + QStringLiteral("\"*"); // tokens hold no quote: it is a separator above
    return terms.join(u' ');
}

Result<QList<qint64>> SubscriberSearch::matchingRows(const QString &text, int limit)
{
    QList<qint64> rows;
    const QString match = matchExpression(text);
    if (match.isEmpty())
        return rows;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT rowid FROM subscriber_fts WHERE subscriber_fts MATCH ? "
                             "ORDER BY rank LIMIT ?"));
    q.addBindValue(match);
    q.addBindValue(limit);
    if (!q.exec())
        return storageError(QStringLiteral("search"), q.lastError().text());
    while (q.next())
        rows << q.value(0).toLongLong();
    return rows;
}

Result<QList<SearchHit>> SubscriberSearch::run(const QString &text, int limit)
{
    QList<SearchHit> hits;
    const QString match = matchExpression(text);
    if (match.isEmpty())
        return hits;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT s.seq, s.id, s.number, s.civility, s.first_name, s.last_name, s.company, s.line4, "
        "s.postal_code, s.city, s.email, s.phone FROM (SELECT rowid, rank FROM subscriber_fts "
        "WHERE subscriber_fts MATCH ? ORDER BY rank LIMIT ?) f JOIN subscriber s ON s.seq = f.rowid "
        "ORDER BY f.rank"));
    q.addBindValue(match);
    q.addBindValue(limit);
    if (!q.exec())
        return storageError(QStringLiteral("search"), q.lastError().text());
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
        hits << h;
    }
    return hits;
}

} // namespace Relais

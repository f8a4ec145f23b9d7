#include "syncchecksums.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Relais {

namespace {

// The context lupdate gives a tr() called from a free function of namespace Relais.
QString tr(const char *text)
{
    return QCoreApplication::translate("Relais", text);
}

Error readFailure(const QString &what, const QString &why)
{
    return Error::make(ErrorKind::Storage, QStringLiteral("checksum.read"),
                       tr("Cannot read %1 from the desk database: %2").arg(what, why));
}

QString quoted(const QString &identifier)
{
    return u'"' + QString(identifier).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

} // namespace

Result<QList<TableSum>> deskChecksums(QSqlDatabase &db)
{
    // One snapshot for every table: a sync engine writing meanwhile cannot mix two states.
    if (!db.transaction())
        return readFailure(QStringLiteral("the tables"), db.lastError().text());
    const auto done = [&db] { db.rollback(); }; // nothing was written
    QList<TableSum> sums;
    for (const Protocol::Table *t : Protocol::checksumTables()) {
        const QStringList columns = Protocol::checksumColumns(*t);
        QStringList selected{QStringLiteral("id")};
        for (const QString &c : columns)
            selected << quoted(c);
        QSqlQuery q(db);
        q.setForwardOnly(true);
        // SQLite compares TEXT with BINARY unless told otherwise: byte order of the ids, as
        // TableChecksum wants them (the column's collation is spelled out in case a migration
        // ever gives it another).
        if (!q.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY id COLLATE BINARY")
                        .arg(selected.join(QStringLiteral(", ")), quoted(t->name)))) {
            const Error e = readFailure(t->name, q.lastError().text());
            done();
            return e;
        }
        Protocol::TableChecksum sum(*t);
        QVariantList values;
        values.reserve(columns.size());
        while (q.next()) {
            values.clear();
            for (int i = 0; i < columns.size(); ++i)
                values << q.value(i + 1);
            sum.addRow(q.value(0).toString(), values);
        }
        if (q.lastError().isValid()) {
            const Error e = readFailure(t->name, q.lastError().text());
            done();
            return e;
        }
        sums << sum.sum();
    }
    done();
    return sums;
}

} // namespace Relais

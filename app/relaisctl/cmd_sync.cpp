// relaisctl desk-copy: the desk's full copy of its synced data, from which an admin reseeds an empty
// central server after a disaster (relais-server reseed).
//
// NDJSON (UTF-8, one compact JSON object per line, LF):
//   {"format":"relais-desk-copy","version":1,"desk_id":...,"desk_last_seq":N,"created_at":...,"schema_version":N}
//   {"entity":"<table>","row":{"id":...,<every writable protocol column, deleted included>}}  (one per row)
//   {"end":true,"rows":N}
// Tables in Protocol::syncedTables() order without "publisher", rows by id, tombstones included.
// Read in one read transaction (one snapshot); written through a QSaveFile (a temporary file in the
// same folder, fsynced, renamed over FILE on commit), so a crash never leaves a truncated FILE.

#include "cli.h"
#include "migrations.h"
#include "protocol.h"
#include "schema.h"
#include "writepath.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Relais::Cli {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Cli", text);
}

constexpr int CopyFormatVersion = 1;
constexpr qsizetype FlushBytes = 1 << 20; // write to the file in 1 MiB pieces

// The synced tables a desk copy carries: all but the publisher (the server has its own).
QList<const Protocol::Table *> copiedTables()
{
    QList<const Protocol::Table *> tables;
    for (const Protocol::Table &t : Protocol::syncedTables())
        if (t.name != u"publisher")
            tables << &t;
    return tables;
}

QString quoted(const QString &identifier)
{
    return u'"' + QString(identifier).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

Error storageFailure(const QString &what, const QSqlQuery &q)
{
    return Error::make(ErrorKind::Storage, QStringLiteral("desk_copy.read"),
                       tr("Cannot read %1 from the desk database: %2")
                           .arg(what, q.lastError().text()));
}

Error writeFailure(const QString &file, const QString &why)
{
    return Error::make(ErrorKind::Io, QStringLiteral("io.write"),
                       tr("Cannot write %1: %2").arg(file, why));
}

// Every table has an id and every protocol column: a copy never guesses a missing column.
Status checkDeskColumns(QSqlDatabase &db, const QList<const Protocol::Table *> &tables)
{
    for (const Protocol::Table *t : tables) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(quoted(t->name))))
            return storageFailure(t->name, q);
        QSet<QString> have;
        while (q.next())
            have.insert(q.value(1).toString());
        if (have.isEmpty())
            return Error::make(ErrorKind::Storage, QStringLiteral("desk_copy.schema"),
                               tr("The desk database has no table %1; it cannot be copied.")
                                   .arg(t->name));
        QStringList missing;
        if (!have.contains(QStringLiteral("id")))
            missing << QStringLiteral("id");
        for (const Protocol::Column &c : t->columns)
            if (!have.contains(c.name))
                missing << c.name;
        if (!missing.isEmpty())
            return Error::make(ErrorKind::Storage, QStringLiteral("desk_copy.schema"),
                               tr("The desk's table %1 has no column %2 of the sync protocol; "
                                  "no copy was written.")
                                   .arg(t->name, missing.join(QStringLiteral(", "))));
    }
    return Ok{};
}

// Ends the read transaction however the copy ends (nothing was written to the database).
class ReadTransaction final
{
public:
    explicit ReadTransaction(QSqlDatabase &db) : m_db(db), m_open(db.transaction()) {}
    ~ReadTransaction()
    {
        if (m_open)
            m_db.rollback();
    }
    ReadTransaction(const ReadTransaction &) = delete;
    ReadTransaction &operator=(const ReadTransaction &) = delete;
    bool isOpen() const { return m_open; }

private:
    QSqlDatabase &m_db;
    bool m_open;
};

struct CopySummary
{
    qint64 rows = 0;
    qint64 deskLastSeq = 0;
};

Result<CopySummary> writeDeskCopy(Store &store, const QString &outPath)
{
    QSqlDatabase &db = store.db();
    const QList<const Protocol::Table *> tables = copiedTables();
    ReadTransaction tx(db);
    if (!tx.isOpen())
        return Error::make(ErrorKind::Storage, QStringLiteral("desk_copy.read"),
                           tr("Cannot start a read transaction on the desk database: %1")
                               .arg(db.lastError().text()));
    CopySummary summary;
    {
        // The first read fixes the snapshot every later query of the copy sees.
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT coalesce(max(seq), 0) FROM outbox")) || !q.next())
            return storageFailure(QStringLiteral("outbox"), q);
        summary.deskLastSeq = q.value(0).toLongLong();
    }
    const int schemaVersion = Migrations::versionOf(db);
    if (schemaVersion < 0)
        return Error::make(ErrorKind::Storage, QStringLiteral("desk_copy.read"),
                           tr("Cannot read the schema version of the desk database: %1")
                               .arg(db.lastError().text()));
    if (Status s = checkDeskColumns(db, tables); !s)
        return s.error();

    QSaveFile file(outPath);
    if (!file.open(QIODevice::WriteOnly))
        return writeFailure(outPath, file.errorString());
    QByteArray buffer;
    buffer.reserve(FlushBytes + 64 * 1024);
    auto flush = [&]() {
        if (!buffer.isEmpty() && file.write(buffer) != buffer.size())
            return false;
        buffer.clear();
        return true;
    };

    buffer += "{\"format\":\"relais-desk-copy\",\"version\":";
    buffer += QByteArray::number(CopyFormatVersion);
    buffer += ",\"desk_id\":";
    Protocol::JsonText::appendString(buffer, store.desk().deskId);
    buffer += ",\"desk_last_seq\":";
    buffer += QByteArray::number(summary.deskLastSeq);
    buffer += ",\"created_at\":";
    Protocol::JsonText::appendString(buffer, nowUtcIso());
    buffer += ",\"schema_version\":";
    buffer += QByteArray::number(schemaVersion);
    buffer += "}\n";

    for (const Protocol::Table *t : tables) {
        QStringList columns{QStringLiteral("id")};
        for (const Protocol::Column &c : t->columns)
            columns << c.name;
        // Each row's line up to its values: {"entity":"<table>","row":{"id":
        QByteArray prefix = "{\"entity\":";
        Protocol::JsonText::appendString(prefix, t->name);
        prefix += ",\"row\":{";
        QList<QByteArray> keys; // ,"<column>": (the first without the comma)
        for (const QString &c : columns) {
            QByteArray key = keys.isEmpty() ? QByteArray() : QByteArrayLiteral(",");
            Protocol::JsonText::appendString(key, c);
            key += ':';
            keys << key;
        }
        QStringList selected;
        for (const QString &c : columns)
            selected << quoted(c);
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY id")
                        .arg(selected.join(QStringLiteral(", ")), quoted(t->name))))
            return storageFailure(t->name, q);
        const int n = int(columns.size());
        while (q.next()) {
            buffer += prefix;
            for (int i = 0; i < n; ++i) {
                buffer += keys.at(i);
                Protocol::JsonText::appendValue(buffer, q.value(i));
            }
            buffer += "}}\n";
            ++summary.rows;
            if (buffer.size() >= FlushBytes && !flush())
                return writeFailure(outPath, file.errorString());
        }
        if (q.lastError().isValid())
            return storageFailure(t->name, q);
    }
    buffer += "{\"end\":true,\"rows\":";
    buffer += QByteArray::number(summary.rows);
    buffer += "}\n";
    if (!flush())
        return writeFailure(outPath, file.errorString());
    // Flushes, fsyncs and renames over FILE; on any failure FILE is left as it was.
    if (!file.commit())
        return writeFailure(outPath, file.errorString());
    return summary;
}

int runDeskCopy(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(
        QStringLiteral("out"),
        tr("NDJSON file to write (replaced only once the copy is complete and on disk)."),
        QStringLiteral("FILE")));
    if (auto stop = parse(
            ctx, p,
            tr("Write the desk's full copy of its synced data (every title, offer, subscriber,\n"
               "subscription, hold, holiday address and complaint, removed ones included)\n"
               "as NDJSON, for an admin to reseed an empty server after a disaster\n"
               "(relais-server reseed). Read in one transaction, so the copy is consistent.")))
        return *stop;
    if (!p.isSet(QStringLiteral("out")) || p.value(QStringLiteral("out")).isEmpty())
        return ctx.usageError(tr("--out is required"));
    // A mistyped --db must not quietly become an empty desk whose copy would reseed nothing.
    if (!QFileInfo::exists(ctx.dbPath))
        return ctx.fail(Error::make(ErrorKind::Io, QStringLiteral("desk_copy.no_desk"),
                                    tr("There is no desk database at %1.").arg(ctx.dbPath)));
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    const QString outPath = p.value(QStringLiteral("out"));
    auto r = writeDeskCopy(*store, outPath);
    if (!r)
        return ctx.fail(r.error());
    ctx.out() << tr("desk copy: %1 rows, desk %2 up to operation %3 -> %4")
                     .arg(r->rows)
                     .arg(store->desk().deskId)
                     .arg(r->deskLastSeq)
                     .arg(outPath)
              << '\n';
    ctx.out().flush();
    return ExitOk;
}

const Registrar deskCopy(
    {QStringLiteral("desk-copy"),
     QStringLiteral("write the desk's full copy of its synced data (server reseed)"), runDeskCopy});

} // namespace
} // namespace Relais::Cli

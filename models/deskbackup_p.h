#pragma once
// Shared by deskbackup.cpp (backup, verify, restore) and deskbackupfolder.cpp (automatic backups,
// rotation, restore at the next start): a raw SQLite connection and the schema and file helpers.

#include "deskbackup.h"
#include "formats.h"

#include <QFileInfo>
#include <QMap>
#include <QStringList>
#include <QUrl>

#include <sqlite3.h>

#include <optional>

namespace Relais::DeskBackup::Internal {

QString tr(const char *text);
QString native(const QString &path);
Error ioError(const QString &code, const QString &message, const QString &detail = {});
bool fsyncPath(const QString &path);
// Renames over an existing file in one step (QFile::rename refuses to replace).
bool replaceFile(const QString &from, const QString &to);
QString sha256Of(const QString &path, const Progress &progress, bool *cancelled = nullptr);
QString timestamp();
bool copyFile(const QString &from, const QString &to, QString *why);

class Conn final
{
public:
    Conn() = default;
    ~Conn() { close(); }
    Conn(const Conn &) = delete;
    Conn &operator=(const Conn &) = delete;

    // `readOnlyImmutable`: a backup file, read as it is, with no journal or lock files made beside it.
    bool open(const QString &path, bool readOnlyImmutable, bool create = false)
    {
        close();
        QByteArray name;
        int flags = SQLITE_OPEN_URI;
        if (readOnlyImmutable) {
            name = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath())
                       .toString(QUrl::FullyEncoded)
                       .toUtf8()
                   + "?mode=ro&immutable=1";
            flags |= SQLITE_OPEN_READONLY;
        } else {
            name = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath())
                       .toString(QUrl::FullyEncoded)
                       .toUtf8();
            flags |= SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
        }
        const int rc = sqlite3_open_v2(name.constData(), &m_db, flags, nullptr);
        if (rc != SQLITE_OK) {
            m_error = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db))
                           : QString::fromUtf8(sqlite3_errstr(rc));
            close();
            return false;
        }
        sqlite3_extended_result_codes(m_db, 1);
        return true;
    }
    void close()
    {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    sqlite3 *handle() const { return m_db; }
    QString error() const { return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : m_error; }
    int code() const { return m_db ? sqlite3_errcode(m_db) & 0xff : SQLITE_ERROR; }

    bool exec(const char *sql)
    {
        char *msg = nullptr;
        const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &msg);
        if (msg) {
            m_error = QString::fromUtf8(msg);
            sqlite3_free(msg);
        }
        return rc == SQLITE_OK;
    }
    // Every row of a query, as text columns. nullopt on an error.
    std::optional<QList<QStringList>> rows(const QString &sql, const QStringList &binds = {})
    {
        sqlite3_stmt *st = nullptr;
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &st, nullptr) != SQLITE_OK)
            return std::nullopt;
        QList<QByteArray> keep;
        for (int i = 0; i < binds.size(); ++i) {
            keep << binds[i].toUtf8();
            sqlite3_bind_text(st, i + 1, keep.last().constData(), int(keep.last().size()),
                              SQLITE_STATIC);
        }
        QList<QStringList> out;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            QStringList row;
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(st, c));
                row << (text ? QString::fromUtf8(text, sqlite3_column_bytes(st, c)) : QString());
            }
            out << row;
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return std::nullopt;
        return out;
    }
    QString value(const QString &sql, const QStringList &binds = {})
    {
        const auto r = rows(sql, binds);
        return r && !r->isEmpty() && !r->first().isEmpty() ? r->first().first() : QString();
    }

private:
    sqlite3 *m_db = nullptr;
    QString m_error;
};

struct SchemaObject
{
    QString type;
    QString table;
    QString sql;
    friend bool operator==(const SchemaObject &, const SchemaObject &) = default;
};
using Schema = QMap<QString, SchemaObject>;

// Tables whose rows a manifest counts: the real tables of the schema, not the search index's own.
QStringList countedTables(const Schema &schema);
// The schema this program creates at `version`.
std::optional<Schema> referenceSchema(int version);
std::optional<QList<TableRows>> countRows(Conn &c, const QStringList &tables);
QString metaOf(Conn &c, const char *key);

} // namespace Relais::DeskBackup::Internal

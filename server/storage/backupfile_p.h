#pragma once
// The server's backup file (docs/server.md, "The backup file"): one JSON line per table header and
// per row, checksums per table in the last line, compressed as zstd frames (format 2, see
// backupstream.h) or not (format 1, still read). Read by the backup's own check, by verify and by
// restore. Not part of the store's interface.

#include "backupstream.h"
#include "sqlserverstore_p.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace Relais::Server::backupfile {

using namespace Protocol;
using detail::tr;

inline constexpr int BackupFormatVersion = 2; // 1: the same text, uncompressed
inline constexpr int BackupPage = 5000;
inline const QByteArray kBackupFormat = "relais-server-backup";

// What a backup holds, in the order it is written and read back: each table with the columns that
// order its rows (keyset paging, so that PostgreSQL never returns a whole table at once). Sessions
// and login throttles are left out: a restore never brings back a token.
struct BackupTable
{
    QString name;
    QStringList key;
};

inline const QList<BackupTable> &backupTables()
{
    static const QList<BackupTable> tables = [] {
        QList<BackupTable> t{{QStringLiteral("meta"), {QStringLiteral("key")}},
                             {QStringLiteral("global_seq"), {QStringLiteral("id")}}};
        for (const Table &s : syncedTables())
            t << BackupTable{s.name, {QStringLiteral("id")}};
        t << BackupTable{QStringLiteral("users"), {QStringLiteral("id")}}
          << BackupTable{QStringLiteral("desks"), {QStringLiteral("id")}}
          // By (desk_id, seq). Tried by op_id (the unique index of random op_ids filled in
          // order): the ops of a million subscribers restored in 75 s instead of 96 s, but the
          // backup read them in random order (+28 s) and the file grew by 8 %: not kept.
          << BackupTable{QStringLiteral("ops"), {QStringLiteral("desk_id"), QStringLiteral("seq")}}
          << BackupTable{QStringLiteral("change_log"), {QStringLiteral("seq")}}
          << BackupTable{QStringLiteral("number_leases"),
                         {QStringLiteral("owner_id"), QStringLiteral("first_number")}};
        return t;
    }();
    return tables;
}

inline Error badBackup(const QString &path, qint64 line, const QString &why)
{
    return Error::make(ErrorKind::Invalid, QString::fromUtf16(RestoreError::BadFile),
                       line > 0 ? tr("%1, line %2: %3").arg(path).arg(line).arg(why)
                                : tr("%1: %2").arg(path, why));
}

inline QVariant fromJson(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return QVariant();
    if (v.isDouble())
        return QVariant(qint64(v.toDouble()));
    return QVariant(v.toString());
}

// A row line as the writer writes it (`[null,12,"text"]`, no whitespace) read straight into values
// as fromJson gives them, without a QJsonDocument per row (most of a restore's reading, measured).
// False for anything else; the caller then lets a JSON parser decide.
// utf8: strings as QByteArray (UTF-8, as in the file), for rows bound straight to SQLite as text.
inline bool parseRow(const QByteArray &line, qsizetype columns, QVariantList &out,
                     bool utf8 = false)
{
    const char *p = line.constData();
    const char *end = p + line.size();
    if (end > p && end[-1] == '\n')
        --end;
    if (p == end || *p != '[')
        return false;
    ++p;
    out.clear();
    out.reserve(columns);
    if (p < end && *p == ']')
        return p + 1 == end && columns == 0;
    const auto hex4 = [&](const char *at, char16_t &unit) {
        if (end - at < 4)
            return false;
        bool ok = false;
        unit = char16_t(QByteArrayView(at, 4).toUShort(&ok, 16));
        return ok;
    };
    QByteArray text;
    for (;;) {
        if (p >= end)
            return false;
        const char c = *p;
        if (c == 'n') {
            if (end - p < 4 || memcmp(p, "null", 4) != 0)
                return false;
            out << QVariant();
            p += 4;
        } else if (c == '"') {
            const char *start = ++p;
            while (p < end && *p != '"' && *p != '\\')
                ++p;
            if (p >= end)
                return false;
            if (*p == '"') {
                out << (utf8 ? QVariant(QByteArray(start, p - start))
                             : QVariant(QString::fromUtf8(start, p - start)));
                ++p;
            } else {
                text = QByteArray(start, p - start);
                while (p < end && *p != '"') {
                    if (*p
                        != '\\') { // a run of plain bytes at once (JSON inside JSON escapes often)
                        const char *run = p;
                        while (p < end && *p != '"' && *p != '\\')
                            ++p;
                        text.append(run, p - run);
                        continue;
                    }
                    if (++p >= end)
                        return false;
                    switch (*p) {
                    case '"': text += '"'; break;
                    case '\\': text += '\\'; break;
                    case '/': text += '/'; break;
                    case 'n': text += '\n'; break;
                    case 'r': text += '\r'; break;
                    case 't': text += '\t'; break;
                    case 'b': text += '\b'; break;
                    case 'f': text += '\f'; break;
                    case 'u': {
                        char16_t units[2];
                        if (!hex4(p + 1, units[0]))
                            return false;
                        p += 4;
                        int n = 1;
                        if (QChar::isHighSurrogate(units[0]) && end - p > 6 && p[1] == '\\'
                            && p[2] == 'u' && hex4(p + 3, units[1])
                            && QChar::isLowSurrogate(units[1])) {
                            p += 6;
                            n = 2;
                        }
                        text += QStringView(units, n).toUtf8();
                        break;
                    }
                    default: return false;
                    }
                    ++p;
                }
                if (p >= end)
                    return false;
                ++p;
                out << (utf8 ? QVariant(text) : QVariant(QString::fromUtf8(text)));
            }
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            const char *start = p++;
            while (p < end && *p >= '0' && *p <= '9')
                ++p;
            if (p < end && (*p == '.' || *p == 'e' || *p == 'E'))
                return false;
            bool ok = false;
            const qint64 v = QByteArrayView(start, p - start).toLongLong(&ok);
            if (!ok)
                return false;
            out << QVariant(v);
        } else {
            return false;
        }
        if (p >= end)
            return false;
        if (*p == ']') {
            ++p;
            break;
        }
        if (*p++ != ',')
            return false;
    }
    return p == end && out.size() == columns;
}

// A backup file read line by line, with each table's checksum recomputed as it goes.
class BackupReader
{
public:
    explicit BackupReader(QString path) : m_path(std::move(path)) {}

    Status open()
    {
        if (!m_src.open(m_path))
            return badBackup(m_path, 0, tr("cannot read it: %1").arg(m_src.openError()));
        QJsonObject header;
        if (Status s = nextObject(header); !s)
            return s;
        if (header.value(QStringLiteral("format")).toString().toLatin1() != kBackupFormat)
            return badBackup(m_path, 1, tr("this is not a Relais server backup"));
        if (header.value(QStringLiteral("version")).toInt() > BackupFormatVersion)
            return badBackup(m_path, 1,
                             tr("written by a newer relais-server (format %1)")
                                 .arg(header.value(QStringLiteral("version")).toInt()));
        m_header = header;
        m_tableHash = std::make_unique<TableHash>(header.value(QStringLiteral("version")).toInt()
                                                  >= 2);
        return Ok{};
    }
    const QJsonObject &header() const { return m_header; }
    qint64 line() const { return m_line; }

    // The next item: a table start (table set, row empty), a row (row set) or the end (atEnd).
    struct Item
    {
        bool atEnd = false;
        QString table;       // set on a table start
        QStringList columns; // set on a table start
        QVariantList row;    // as fromJson gives each value
    };
    // With parseRows false a row is only counted and hashed (enough to verify the file: the
    // checksums prove every byte is what was written).
    // utf8Strings: see parseRow.
    Status next(Item &item, bool parseRows = true, bool utf8Strings = false)
    {
        item = Item{};
        QByteArray bytes;
        if (Status s = readLine(bytes); !s)
            return s;
        if (bytes.startsWith('[')) {
            if (m_table.isEmpty())
                return badBackup(m_path, m_line, tr("a row before any table"));
            if (!parseRows) {
                m_tableHash->addData(bytes);
                ++m_rows;
                return Ok{};
            }
            if (!parseRow(bytes, m_columns.size(), item.row, utf8Strings)) {
                // Not as the writer writes rows (whitespace, a fraction...): any JSON array will do.
                QJsonParseError e{};
                const QJsonDocument doc = QJsonDocument::fromJson(bytes, &e);
                if (e.error != QJsonParseError::NoError || !doc.isArray()
                    || doc.array().size() != m_columns.size())
                    return badBackup(m_path, m_line, tr("a damaged row of table %1").arg(m_table));
                item.row.clear();
                for (const QJsonValue &v : doc.array())
                    item.row << fromJson(v);
            }
            m_tableHash->addData(bytes);
            ++m_rows;
            return Ok{};
        }
        if (Status s = closeTable(); !s)
            return s;
        QJsonParseError e{};
        const QJsonObject o = QJsonDocument::fromJson(bytes, &e).object();
        if (e.error != QJsonParseError::NoError)
            return badBackup(m_path, m_line, tr("not JSON"));
        if (o.value(QStringLiteral("end")).toBool()) {
            m_trailer = o;
            item.atEnd = true;
            return checkTrailer();
        }
        m_table = o.value(QStringLiteral("table")).toString();
        m_columns.clear();
        for (const QJsonValue &c : o.value(QStringLiteral("columns")).toArray())
            m_columns << c.toString();
        if (m_table.isEmpty() || m_columns.isEmpty() || m_counts.contains(m_table))
            return badBackup(m_path, m_line, tr("a damaged table header"));
        m_tableHash->reset();
        m_rows = 0;
        item.table = m_table;
        item.columns = m_columns;
        return Ok{};
    }
    QString fileSha256() const { return QString::fromLatin1(m_src.sha256Hex()); }
    bool compressed() const { return m_src.compressed(); }
    const QHash<QString, qint64> &counts() const { return m_counts; }

private:
    Status readLine(QByteArray &bytes)
    {
        const LineSource::Read r = m_src.readLine(bytes);
        ++m_line;
        if (r == LineSource::Read::Damaged)
            return damaged();
        if (r == LineSource::Read::End || !bytes.endsWith('\n'))
            return badBackup(m_path, m_line, tr("the file ends early (truncated)"));
        return Ok{};
    }
    Status damaged()
    {
        switch (m_src.damage()) {
        case LineSource::Damage::CutInFrame:
            return badBackup(m_path, m_line, tr("the file ends early (truncated)"));
        case LineSource::Damage::LineTooLong:
            return badBackup(m_path, m_line, tr("a line longer than any row can be"));
        default:
            return badBackup(m_path, m_line,
                             tr("a damaged compressed block near byte %1 (%2)")
                                 .arg(m_src.rawOffset())
                                 .arg(m_src.detail()));
        }
    }
    Status nextObject(QJsonObject &o)
    {
        QByteArray bytes;
        const LineSource::Read r = m_src.readLine(bytes);
        ++m_line;
        if (r == LineSource::Read::Damaged)
            return damaged();
        QJsonParseError e{};
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &e);
        if (e.error != QJsonParseError::NoError || !doc.isObject())
            return badBackup(m_path, m_line, tr("this is not a Relais server backup"));
        o = doc.object();
        return Ok{};
    }
    Status closeTable()
    {
        if (m_table.isEmpty())
            return Ok{};
        m_counts.insert(m_table, m_rows);
        m_hashes.insert(m_table, QString::fromLatin1(m_tableHash->resultHex()));
        m_table.clear();
        return Ok{};
    }
    Status checkTrailer()
    {
        const QJsonObject tables = m_trailer.value(QStringLiteral("tables")).toObject();
        if (tables.size() != m_counts.size())
            return badBackup(m_path, m_line, tr("the list of tables does not match the file"));
        for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
            const QJsonObject t = tables.value(it.key()).toObject();
            if (qint64(t.value(QStringLiteral("rows")).toDouble(-1)) != it.value()
                || t.value(QLatin1String(m_tableHash->key())).toString()
                       != m_hashes.value(it.key()))
                return badBackup(m_path, m_line,
                                 tr("table %1 does not match its checksum").arg(it.key()));
        }
        if (!m_src.nothingLeft())
            return m_src.damage() != LineSource::Damage::None
                       ? damaged()
                       : badBackup(m_path, m_line, tr("there is more after the end"));
        return Ok{};
    }

    QString m_path;
    LineSource m_src;
    qint64 m_line = 0;
    QJsonObject m_header, m_trailer;
    QString m_table;
    QStringList m_columns;
    qint64 m_rows = 0;
    std::unique_ptr<TableHash> m_tableHash;
    QHash<QString, qint64> m_counts;
    QHash<QString, QString> m_hashes;
};

// A BackupReader run on a thread of its own, a few thousand items ahead of its caller: the file is
// read, decompressed, split, hashed and its rows parsed there while the caller writes the rows
// before them (a restore: reading was a third of its time, writing the rest). Items come out in
// the file's order, then the end or the first error, exactly as BackupReader::next gives them.
// The reader (opened, its header read) is not touched by the caller until next() has given the
// end or an error: then the thread has finished and counts(), fileSha256() and the rest are read.
class ReadAhead
{
public:
    // utf8Strings: for each table, whether its rows keep their strings as UTF-8 (see parseRow).
    ReadAhead(BackupReader &reader, bool parseRows,
              std::function<bool(const QString &table)> utf8Strings)
        : m_reader(reader), m_parseRows(parseRows), m_utf8Strings(std::move(utf8Strings))
    {
        m_thread = std::thread([this] { work(); });
    }
    ~ReadAhead()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }
    ReadAhead(const ReadAhead &) = delete;
    ReadAhead &operator=(const ReadAhead &) = delete;

    Status next(BackupReader::Item &item)
    {
        while (m_pos == m_batch.items.size()) {
            if (m_batch.last) // after the end, or the error that stopped the reading
                return m_batch.status;
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_ready.empty(); });
            m_batch = std::move(m_ready.front());
            m_ready.pop_front();
            lock.unlock();
            m_changed.notify_all();
            m_pos = 0;
            if (m_batch.last)
                m_thread.join(); // done: the reader is the caller's again
        }
        item = std::move(m_batch.items[m_pos++]);
        return Ok{};
    }

private:
    struct Batch
    {
        std::vector<BackupReader::Item> items;
        Status status = Ok{};
        bool last = false; // holds the end item, or ends with an error
    };
    static constexpr size_t kBatchItems = 2000;
    static constexpr size_t kBatchesAhead = 4; // memory stays flat: a few thousand rows

    void work()
    {
        bool utf8 = false;
        Batch batch;
        for (;;) {
            BackupReader::Item item;
            Status s = m_reader.next(item, m_parseRows, utf8);
            bool last = !s || item.atEnd;
            if (s) {
                if (!item.table.isEmpty())
                    utf8 = m_utf8Strings && m_utf8Strings(item.table);
                batch.items.push_back(std::move(item));
            } else {
                batch.status = s;
            }
            if (!last && batch.items.size() < kBatchItems)
                continue;
            batch.last = last;
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_ready.size() < kBatchesAhead || m_stop; });
            if (m_stop)
                return;
            m_ready.push_back(std::move(batch));
            lock.unlock();
            m_changed.notify_all();
            if (last)
                return;
            batch = Batch{};
        }
    }

    BackupReader &m_reader;
    const bool m_parseRows;
    const std::function<bool(const QString &)> m_utf8Strings;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_ready;
    bool m_stop = false;
    Batch m_batch{{}, Ok{}, false};
    size_t m_pos = 0;
    std::thread m_thread;
};

// Reads a whole backup once, checking every table against its checksum; nothing else.
inline Result<QJsonObject> verifyBackupFile(const QString &path, QString *sha256 = nullptr,
                                            qint64 *rows = nullptr,
                                            QHash<QString, qint64> *tableRows = nullptr)
{
    BackupReader reader(path);
    if (Status s = reader.open(); !s)
        return s.error();
    BackupReader::Item item;
    do {
        if (Status s = reader.next(item, false); !s)
            return s.error();
    } while (!item.atEnd);
    if (sha256)
        *sha256 = reader.fileSha256();
    if (rows) {
        *rows = 0;
        for (qint64 n : reader.counts())
            *rows += n;
    }
    if (tableRows)
        *tableRows = reader.counts();
    return reader.header();
}

} // namespace Relais::Server::backupfile

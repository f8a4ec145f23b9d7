#pragma once
// The bytes of a server backup file (docs/server.md, "The backup file"). Format 2 is the backup's
// text (one JSON line per table header, row and trailer) cut into blocks of about 4 MiB, each
// compressed as its own zstd frame carrying zstd's checksum of its content: the file is a plain
// .zst stream (`zstd -dc FILE` shows the text) and memory stays flat whatever the size. Format 1,
// written before, is the same text uncompressed; both are read. The SHA-256 is always that of the
// file's bytes as they lie on the disk.

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QString>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

class QIODevice;

namespace Relais::Server::backupfile {

// A table's checksum in the trailer: SHA-256 of its lines in format 1; BLAKE2b-256 (libsodium, about
// three times as fast here: the text of a million subscribers is gigabytes) in format 2. The
// file's own SHA-256, recorded when it is written, is SHA-256 in both.
class TableHash
{
public:
    explicit TableHash(bool blake2b = true);
    ~TableHash();
    TableHash(const TableHash &) = delete;
    TableHash &operator=(const TableHash &) = delete;
    void reset();
    void addData(QByteArrayView bytes);
    QByteArray resultHex();
    // The trailer's key for this checksum.
    const char *key() const { return m_blake2b ? "blake2b" : "sha256"; }

private:
    bool m_blake2b;
    void *m_state = nullptr; // crypto_generichash_state
    QCryptographicHash m_sha{QCryptographicHash::Sha256};
};

// Takes the backup's text as it is produced, compresses full blocks in a second thread (the
// caller reads the next rows meanwhile) and writes them to `out`, hashing what it writes. The
// tables' checksums are computed on that thread too, in the order the text came.
class FrameWriter
{
public:
    explicit FrameWriter(QIODevice *out);
    ~FrameWriter();
    FrameWriter(const FrameWriter &) = delete;
    FrameWriter &operator=(const FrameWriter &) = delete;

    // Appends text, added to `hash` (on the writer's thread) when one is given; false once a write
    // failed (errorString says why). `hash` must stay until this writer is destroyed.
    bool write(const QByteArray &text, TableHash *hash = nullptr);
    // Waits until every text given so far is written and hashed: the hashes can then be read.
    bool drain();
    // The last block, and waits for every block to be on `out`.
    bool finish();
    QString errorString() const;
    QByteArray sha256Hex() const { return m_hash.result().toHex(); }
    qint64 textBytes() const { return m_textBytes; }
    qint64 frames() const { return m_frames; }

private:
    struct Hashed // a stretch of a block that belongs to a table's checksum
    {
        TableHash *hash;
        qsizetype from;
        qsizetype to;
    };
    struct Block
    {
        QByteArray text;
        std::vector<Hashed> hashed;
    };
    void hand();
    void work();

    QIODevice *m_out;
    QByteArray m_block;
    std::vector<Hashed> m_hashed; // of m_block
    qint64 m_textBytes = 0;
    qint64 m_frames = 0;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Block> m_queue;
    bool m_busy = false; // the worker holds a block taken from the queue
    bool m_done = false;
    QString m_error;
    std::thread m_worker;
};

// Reads a backup file line by line, format 1 or 2 alike, hashing the file's bytes as it reads.
class LineSource
{
public:
    LineSource() = default;
    ~LineSource();
    LineSource(const LineSource &) = delete;
    LineSource &operator=(const LineSource &) = delete;

    enum class Read { Line, End, Damaged };
    enum class Damage { None, BadFrame, CutInFrame, LineTooLong };
    // False when the file cannot be opened (openError() says why).
    bool open(const QString &path);
    bool compressed() const { return m_compressed; }
    // The next line, with its '\n'; at the end of the file a last line without one (the file was
    // cut short). End: nothing more. Damaged: a compressed frame does not decompress or does not
    // match its checksum, the file ends inside a frame, or a line is absurdly long (damage()).
    Read readLine(QByteArray &line);
    // Reads whatever is left; true when nothing was (not one byte after the trailer).
    bool nothingLeft();
    QByteArray sha256Hex() const { return m_hash.result().toHex(); }
    // What was wrong, and where: the compressed bytes read so far, zstd's own words.
    Damage damage() const { return m_damage; }
    QString detail() const { return m_detail; }
    QString openError() const { return m_file.errorString(); }
    qint64 rawOffset() const { return m_rawRead; }

private:
    bool fill(); // more text into m_text; false at the end of the file or on damage

    QFile m_file;
    bool m_compressed = false;
    bool m_eof = false;
    Damage m_damage = Damage::None;
    QString m_detail;
    QByteArray m_raw; // compressed bytes read, not yet decompressed
    qsizetype m_rawPos = 0;
    QByteArray m_text; // text not yet returned, from m_pos
    qsizetype m_pos = 0;
    qint64 m_rawRead = 0;
    bool m_outFull = false;
    size_t m_frameLeft = 0; // ZSTD_decompressStream's hint: 0 when the last frame is complete
    void *m_dctx = nullptr;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};

} // namespace Relais::Server::backupfile

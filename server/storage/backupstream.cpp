#include "backupstream.h"

#include <QIODevice>

#include <sodium.h>
#include <zstd.h>

namespace Relais::Server::backupfile {

namespace {
constexpr qsizetype kBlockBytes = 4 << 20; // text per frame
constexpr int kLevel = 3;                  // zstd's default: ~5x on this text, fast both ways
constexpr size_t kQueued = 2;              // blocks waiting for the worker: memory stays flat
constexpr qsizetype kRawRead = 1 << 20;    // bytes read from the file at a time
constexpr qsizetype kMaxLine = 256 << 20;  // no row is near this; a crafted file stops here
const unsigned char kZstdMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};
} // namespace

// ---- checksums ---------------------------------------------------------------------------------

TableHash::TableHash(bool blake2b) : m_blake2b(blake2b)
{
    if (m_blake2b) {
        if (sodium_init() < 0) // picks the fastest BLAKE2b this processor runs; idempotent
            qFatal("libsodium cannot be initialised");
        m_state = sodium_malloc(sizeof(crypto_generichash_state));
        reset();
    }
}

TableHash::~TableHash()
{
    if (m_state)
        sodium_free(m_state);
}

void TableHash::reset()
{
    if (m_blake2b)
        crypto_generichash_init(static_cast<crypto_generichash_state *>(m_state), nullptr, 0, 32);
    else
        m_sha.reset();
}

void TableHash::addData(QByteArrayView bytes)
{
    if (m_blake2b)
        crypto_generichash_update(static_cast<crypto_generichash_state *>(m_state),
                                  reinterpret_cast<const unsigned char *>(bytes.data()),
                                  size_t(bytes.size()));
    else
        m_sha.addData(bytes);
}

QByteArray TableHash::resultHex()
{
    if (!m_blake2b)
        return m_sha.result().toHex();
    unsigned char out[32];
    crypto_generichash_final(static_cast<crypto_generichash_state *>(m_state), out, sizeof out);
    return QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex();
}

// ---- writing -----------------------------------------------------------------------------------

FrameWriter::FrameWriter(QIODevice *out) : m_out(out)
{
    m_block.reserve(kBlockBytes + (64 << 10));
    m_worker = std::thread([this] { work(); });
}

FrameWriter::~FrameWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
    }
    m_changed.notify_all();
    if (m_worker.joinable())
        m_worker.join();
}

bool FrameWriter::write(const QByteArray &text, TableHash *hash)
{
    if (hash && !text.isEmpty()) {
        if (!m_hashed.empty() && m_hashed.back().hash == hash
            && m_hashed.back().to == m_block.size())
            m_hashed.back().to += text.size();
        else
            m_hashed.push_back(Hashed{hash, m_block.size(), m_block.size() + text.size()});
    }
    m_block += text;
    m_textBytes += text.size();
    if (m_block.size() >= kBlockBytes)
        hand();
    std::lock_guard lock(m_mutex);
    return m_error.isEmpty();
}

void FrameWriter::hand()
{
    Block block{std::exchange(m_block, QByteArray()), std::exchange(m_hashed, {})};
    m_block.reserve(kBlockBytes + (64 << 10));
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < kQueued || !m_error.isEmpty(); });
    m_queue.push_back(std::move(block));
    ++m_frames;
    lock.unlock();
    m_changed.notify_all();
}

bool FrameWriter::drain()
{
    if (!m_block.isEmpty())
        hand();
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return (m_queue.empty() && !m_busy) || !m_error.isEmpty(); });
    return m_error.isEmpty();
}

bool FrameWriter::finish()
{
    if (!m_block.isEmpty())
        hand();
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
    }
    m_changed.notify_all();
    if (m_worker.joinable())
        m_worker.join();
    return m_error.isEmpty();
}

QString FrameWriter::errorString() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

void FrameWriter::work()
{
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, kLevel);
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
    QByteArray out;
    for (;;) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
        if (m_queue.empty())
            break;
        Block taken = std::move(m_queue.front());
        m_queue.pop_front();
        m_busy = true;
        const bool failed = !m_error.isEmpty();
        lock.unlock();
        m_changed.notify_all();
        const auto idle = [this] {
            {
                std::lock_guard relock(m_mutex);
                m_busy = false;
            }
            m_changed.notify_all();
        };
        if (failed) {
            idle();
            continue;
        }
        const QByteArray &block = taken.text;
        for (const Hashed &h : taken.hashed)
            h.hash->addData(QByteArrayView(block).sliced(h.from, h.to - h.from));
        out.resize(qsizetype(ZSTD_compressBound(size_t(block.size()))));
        const size_t n = ZSTD_compress2(cctx, out.data(), size_t(out.size()), block.constData(),
                                        size_t(block.size()));
        QString error;
        if (ZSTD_isError(n))
            error = QString::fromLatin1(ZSTD_getErrorName(n));
        else if (m_out->write(out.constData(), qint64(n)) != qint64(n))
            error = m_out->errorString();
        else
            m_hash.addData(QByteArrayView(out.constData(), qsizetype(n)));
        if (!error.isEmpty()) {
            std::lock_guard relock(m_mutex);
            m_error = error;
        }
        idle();
    }
    ZSTD_freeCCtx(cctx);
}

// ---- reading -----------------------------------------------------------------------------------

LineSource::~LineSource()
{
    if (m_dctx)
        ZSTD_freeDCtx(static_cast<ZSTD_DCtx *>(m_dctx));
}

bool LineSource::open(const QString &path)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly))
        return false;
    char magic[4] = {};
    m_compressed = m_file.peek(magic, 4) == 4 && memcmp(magic, kZstdMagic, 4) == 0;
    if (m_compressed)
        m_dctx = ZSTD_createDCtx();
    return true;
}

bool LineSource::fill()
{
    if (m_damage != Damage::None)
        return false;
    // Text already returned goes; what is left moves to the front.
    if (m_pos > 0) {
        m_text.remove(0, m_pos);
        m_pos = 0;
    }
    for (;;) {
        if (m_compressed && (m_rawPos < m_raw.size() || m_outFull)) {
            const qsizetype before = m_text.size();
            m_text.resize(before + ZSTD_DStreamOutSize() * 4);
            ZSTD_inBuffer in{m_raw.constData(), size_t(m_raw.size()), size_t(m_rawPos)};
            ZSTD_outBuffer out{m_text.data() + before, size_t(m_text.size() - before), 0};
            const size_t r = ZSTD_decompressStream(static_cast<ZSTD_DCtx *>(m_dctx), &out, &in);
            m_text.resize(before + qsizetype(out.pos));
            m_rawPos = qsizetype(in.pos);
            if (ZSTD_isError(r)) {
                m_damage = Damage::BadFrame;
                m_detail = QString::fromLatin1(ZSTD_getErrorName(r));
                return false;
            }
            m_frameLeft = r;
            m_outFull = out.pos == out.size; // zstd may hold more output for the same input
            if (out.pos > 0)
                return true;
            continue;
        }
        if (m_eof)
            return false;
        QByteArray raw = m_file.read(kRawRead);
        if (raw.isEmpty()) {
            m_eof = true;
            if (m_compressed && m_frameLeft != 0) {
                m_damage = Damage::CutInFrame;
                return false;
            }
            return false;
        }
        m_rawRead += raw.size();
        m_hash.addData(raw);
        if (!m_compressed) {
            m_text += raw;
            return true;
        }
        m_raw = std::move(raw);
        m_rawPos = 0;
    }
}

LineSource::Read LineSource::readLine(QByteArray &line)
{
    qsizetype scanned = m_pos;
    for (;;) {
        const qsizetype nl = m_text.indexOf('\n', scanned);
        if (nl >= 0) {
            line = m_text.mid(m_pos, nl + 1 - m_pos);
            m_pos = nl + 1;
            return Read::Line;
        }
        if (m_text.size() - m_pos > kMaxLine) {
            m_damage = Damage::LineTooLong;
            return Read::Damaged;
        }
        const qsizetype kept = m_text.size() - m_pos;
        if (!fill()) {
            if (m_damage != Damage::None)
                return Read::Damaged;
            if (m_pos < m_text.size()) { // a last line cut short
                line = m_text.mid(m_pos);
                m_pos = m_text.size();
                return Read::Line;
            }
            return Read::End;
        }
        scanned = kept; // fill() moved the unread text to the front
    }
}

bool LineSource::nothingLeft()
{
    bool nothing = m_pos >= m_text.size();
    m_text.clear();
    m_pos = 0;
    while (fill()) {
        nothing = nothing && m_text.isEmpty();
        m_text.clear();
    }
    return nothing && m_damage == Damage::None;
}

} // namespace Relais::Server::backupfile

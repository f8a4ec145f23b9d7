// The first copy of a new desk (Engine, syncengine.h): the snapshot's pages, each written with its
// place in one transaction (Inbound::applySnapshotPage), so that a copy that stopped goes on from
// the last page written.
//
// Three things happen at once, so that the engine's thread only writes: the server reads and sends
// page N+1 (asked for as soon as page N's answer arrives, from its Relais-Next-Page header), page
// N's JSON is read, checked and turned into the values the write binds (Inbound::prepareWhole) on
// m_parsePool, and page N-1 is written here. At most three pages are held at any time (on their
// way, being read, or being written): memory does not grow with the data set. An older server
// without the header: page N+1 is asked for once page N has been read.
// A page is written in slices of 1,000 rows within its one transaction, the event loop running
// between them: the next answer is read off the socket while this page is written, and is ready
// when it ends (written whole at once, the desk read the socket only between pages and then waited
// for the reading thread: a third of a 1,000,000-subscriber copy).

#include "syncengine.h"
#include "syncengine_p.h"

#include "httpclient.h"
#include "inbound.h"
#include "schema.h"

#include <QJsonDocument>
#include <QScopeGuard>
#include <QThreadPool>
#include <QUrlQuery>

#include <atomic>

namespace Relais::Sync {

struct Engine::SnapshotInFlight
{
    quint64 round = 0;
    QString table; // the place it was asked for
    QString after;
    // The next place as the answer's header named it (nullopt: no header; an empty cursor: the end).
    std::optional<std::optional<Protocol::SnapshotCursor>> announced;
    bool nextAsked = false;
    // Set on the reading thread, then `ready`; read here only once `ready` is true.
    bool ok = false;
    Protocol::SnapshotPage page; // its rows moved to `rows`
    QList<InboundRow> rows;
    std::atomic<bool> ready{false};
};

namespace {
// The header's place, when it is one the desk can trust before it has read the page (the page
// itself must then name the same place).
std::optional<std::optional<Protocol::SnapshotCursor>> announcedNext(const HttpAnswer &a)
{
    QByteArray value;
    for (const auto &[name, v] : a.headers)
        if (name == "relais-next-page")
            value = v.trimmed();
    if (value.isEmpty() || value.size() > 256)
        return std::nullopt;
    if (value == "end")
        return std::optional<Protocol::SnapshotCursor>();
    const QUrlQuery q(QString::fromLatin1(value));
    Protocol::SnapshotCursor c{q.queryItemValue(QStringLiteral("table"), QUrl::FullyDecoded),
                               q.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded)};
    if (!Protocol::tableByName(c.table) || c.after.size() > 64)
        return std::nullopt;
    return std::optional<Protocol::SnapshotCursor>(c);
}
} // namespace

void Engine::stepBootstrap()
{
    dropSnapshotPages();
    setState(State::Receiving);
    m_status.bootstrapping = true;
    // A first copy going on from where it stopped: its total as the first page gave it, and the
    // rows already written, so that the status still says "x of y".
    if (const qint64 total = toNumber(meta("bootstrap_total", QStringLiteral("0")));
        total > 0 && m_status.progressTotal == 0 && !meta(SyncKey::BootstrapTable).isEmpty()) {
        m_status.progressTotal = total;
        m_status.progressDone = Inbound(m_database->db()).syncedRowCount();
    }
    fetchSnapshotPage(meta(SyncKey::BootstrapTable), meta(SyncKey::BootstrapAfter));
}

void Engine::dropSnapshotPages()
{
    // Pages still being read finish on their thread and are then ignored; a page half written is
    // rolled back (its place with it: the copy goes on from the page before).
    m_snapshotPages.clear();
    m_pageWriting.reset();
    m_pageWriter.reset();
    runAfterPageWrite();
}

bool Engine::afterPageWrite(std::function<void()> f)
{
    if (!m_pageWriting)
        return false;
    m_afterPage.push_back(std::move(f));
    return true;
}

void Engine::runAfterPageWrite()
{
    // Later, from the event loop: the caller may be in the middle of ending a round.
    if (m_afterPage.empty())
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            for (auto &f : std::exchange(m_afterPage, {}))
                f(); // each asks again if another page has begun meanwhile
        },
        Qt::QueuedConnection);
}

// A page is used only if it is the page that follows what the desk holds, in the round that asked
// for it; anything else asks again from the desk's own position.
void Engine::fetchSnapshotPage(const QString &table, const QString &after)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_tuning.snapshotLimit));
    if (!table.isEmpty()) {
        query.addQueryItem(QStringLiteral("table"), table);
        if (!after.isEmpty())
            query.addQueryItem(QStringLiteral("after"), after);
    }
    auto entry = std::make_shared<SnapshotInFlight>();
    entry->round = m_roundSerial;
    entry->table = table;
    entry->after = after;
    m_snapshotPages.push_back(entry);
    requestPayload(
        "GET", QStringLiteral("sync/snapshot?") + query.toString(QUrl::FullyEncoded), {},
        [this, entry](const HttpAnswer &a) {
            if (!m_running || entry->round != m_roundSerial
                || std::find(m_snapshotPages.cbegin(), m_snapshotPages.cend(), entry)
                       == m_snapshotPages.cend())
                return; // asked for ahead by a round that has ended, or dropped since
            if (unauthorized(a, [this] { stepBootstrap(); }))
                return;
            if (a.status != 200) {
                dropSnapshotPages();
                return fail(a, tr("the first copy"));
            }
            entry->announced = announcedNext(a);
            askNextSnapshotPage();
            m_parsePool->start([this, entry, body = a.body] {
                QJsonParseError e{};
                const QJsonDocument doc = QJsonDocument::fromJson(body, &e);
                if (e.error == QJsonParseError::NoError && doc.isObject()) {
                    if (auto page = Protocol::SnapshotPage::fromJson(doc.object())) {
                        entry->page = std::move(*page);
                        entry->rows.reserve(entry->page.rows.size());
                        for (const QJsonObject &row : std::as_const(entry->page.rows)) {
                            entry->rows
                                << InboundRow{entry->page.table,
                                              row.value(QStringLiteral("id")).toString(),
                                              qint64(row.value(QStringLiteral("rev")).toInteger()),
                                              row};
                            // Its values as the write binds them: made here rather than on the engine's thread.
                            Inbound::prepareWhole(entry->rows.last());
                        }
                        entry->page.rows.clear();
                        entry->ok = true;
                    }
                }
                entry->ready.store(true, std::memory_order_release);
                QMetaObject::invokeMethod(
                    this, [this] { writeSnapshotPages(); }, Qt::QueuedConnection);
            });
            // The page before this one, if it has been read, is written while this one is read.
            writeSnapshotPages();
        },
        nullptr, true);
}

void Engine::askNextSnapshotPage()
{
    // The last page asked for names the next place by its header, or by its body once read. At
    // most MaxPagesAhead pages are on their way or waiting to be written: a server that sends
    // faster than this desk writes does not fill its memory.
    constexpr std::size_t MaxPagesAhead = 3;
    if (m_snapshotPages.empty() || m_snapshotPages.size() + (m_pageWriting ? 1 : 0) >= MaxPagesAhead
        || m_cancel || (m_http && m_http->busy()))
        return;
    const std::shared_ptr<SnapshotInFlight> &last = m_snapshotPages.back();
    if (last->nextAsked)
        return;
    std::optional<Protocol::SnapshotCursor> next;
    if (last->announced)
        next = *last->announced;
    else if (last->ready.load(std::memory_order_acquire) && last->ok)
        next = last->page.next;
    else
        return;
    if (!next)
        return;
    last->nextAsked = true;
    fetchSnapshotPage(next->table, next->after);
}

void Engine::writeSnapshotPages()
{
    if (m_writingPages)
        return;
    m_writingPages = true;
    const auto done = qScopeGuard([this] { m_writingPages = false; });
    for (;;) {
        if (m_pageWriting) {
            if (!writePageSlice())
                return; // yielded, or the round ended
            continue;
        }
        if (m_snapshotPages.empty()
            || !m_snapshotPages.front()->ready.load(std::memory_order_acquire))
            break;
        const std::shared_ptr<SnapshotInFlight> entry = m_snapshotPages.front();
        m_snapshotPages.pop_front();
        if (!m_running || entry->round != m_roundSerial) {
            dropSnapshotPages();
            return;
        }
        const Protocol::SnapshotPage &page = entry->page;
        // What the server sent is not a page, or its header named another place than the page.
        if (!entry->ok || (entry->announced && *entry->announced != page.next)) {
            dropSnapshotPages();
            HttpAnswer bad;
            bad.status = 502;
            return fail(bad, tr("the first copy"));
        }
        if (meta(SyncKey::BootstrapTable) != entry->table
            || meta(SyncKey::BootstrapAfter) != entry->after)
            return stepBootstrap();
        if (!entry->nextAsked && page.next && !m_cancel) {
            entry->nextAsked = true;
            fetchSnapshotPage(page.next->table, page.next->after);
        }
        if (meta(SyncKey::ServerEpoch).isEmpty())
            setMeta(SyncKey::ServerEpoch, page.epoch);
        if (page.total >= 0) {
            m_status.progressTotal = page.total;
            setMeta("bootstrap_total", QString::number(page.total));
        }
        if (!m_pageWriter)
            m_pageWriter = std::make_unique<Inbound>(m_database->db());
        if (Status s = m_pageWriter->beginSnapshotPage(!page.next); !s) {
            storageFailed(s.error()); // ends the round: the pages asked for ahead are dropped
            return;
        }
        m_pageWriting = entry;
        m_pageRowsWritten = 0;
    }
    askNextSnapshotPage();
}

bool Engine::writePageSlice()
{
    // About 10 ms of writing, then the event loop: the socket's next answer is read and handed to
    // the reading thread while this page is still being written, so that it waits ready.
    constexpr qsizetype SliceRows = 1000;
    const std::shared_ptr<SnapshotInFlight> entry = m_pageWriting;
    const qsizetype count = qMin(SliceRows, entry->rows.size() - m_pageRowsWritten);
    if (count > 0) {
        if (Status s = m_pageWriter->writeSnapshotSlice(
                std::span<const InboundRow>(entry->rows.constData() + m_pageRowsWritten, count));
            !s) {
            storageFailed(s.error());
            return false;
        }
        m_pageRowsWritten += count;
        if (m_pageRowsWritten < entry->rows.size()) {
            if (!m_sliceQueued) {
                m_sliceQueued = true;
                QMetaObject::invokeMethod(
                    this,
                    [this] {
                        m_sliceQueued = false;
                        writeSnapshotPages();
                    },
                    Qt::QueuedConnection);
            }
            askNextSnapshotPage();
            return false;
        }
    }
    m_pageWriting.reset();
    const auto waiting = qScopeGuard([this] { runAfterPageWrite(); });
    const Protocol::SnapshotPage &page = entry->page;
    const QString nextTable = page.next ? page.next->table : QString();
    const QString nextAfter = page.next ? page.next->after : QString();
    auto applied = m_pageWriter->endSnapshotPage(entry->rows, nextTable, nextAfter, page.head);
    if (!applied) {
        storageFailed(applied.error()); // ends the round: the pages asked for ahead are dropped
        return false;
    }
    m_receipt.pulled += entry->rows.size();
    m_status.progressDone += entry->rows.size();
    publish();
    if (!applied->tables.isEmpty())
        Q_EMIT dataChanged(applied->tables);
    if (!page.next) {
        dropSnapshotPages();
        m_status.bootstrapping = false;
        m_status.progressDone = 0;
        m_status.progressTotal = 0;
        stepHandshake();
        return false;
    }
    if (m_cancel) {
        finishRound(QStringLiteral("cancelled"),
                    tr("The first copy was stopped; it goes on from here next time."));
        return false;
    }
    return true;
}

} // namespace Relais::Sync

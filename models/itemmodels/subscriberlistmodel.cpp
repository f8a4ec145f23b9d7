#include "subscriberlistmodel.h"

#include "storeworker.h"

#include <QCoreApplication>

namespace Relais {

namespace {
struct Answer
{
    bool stale = false;
    QString error;
    qint64 total = 0;
    DeskQueries::Count count;
    bool ranked = false;
    bool complete = true;
    QList<qint64> matches;
};
} // namespace

SubscriberListModel::SubscriberListModel(StoreWorker *worker, QObject *parent)
    : QAbstractTableModel(parent), m_worker(worker),
      m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    refresh();
}

SubscriberListModel::~SubscriberListModel() = default;

int SubscriberListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int SubscriberListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SubscriberListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case NumberColumn: return tr("No.");
    case NameColumn: return tr("Name");
    case StreetColumn: return tr("Street");
    case PostalCodeColumn: return tr("Postal code");
    case CityColumn: return tr("Town");
    default: return {};
    }
}

QVariant SubscriberListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int page = index.row() / PageSize;
    const auto it = m_pages.constFind(page);
    if (it == m_pages.cend() || index.row() % PageSize >= it->size()) {
        if (it == m_pages.cend())
            requestPage(page);
        if (role == LoadedRole)
            return false;
        if (role == Qt::DisplayRole && index.column() == NameColumn)
            return QStringLiteral("…");
        return {};
    }
    const SubscriberRow &r = it->at(index.row() % PageSize);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            // A negative number is pending (created offline after the leased block ran out).
            return r.number < 0 ? QVariant(tr("pending")) : QVariant(r.number);
        case NameColumn: return r.name;
        case StreetColumn: return r.line4;
        case PostalCodeColumn: return r.postalCode;
        case CityColumn: return r.city;
        default: return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == NumberColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SeqRole: return r.seq;
    case IdRole: return r.id;
    case LoadedRole: return true;
    default: return {};
    }
}

bool SubscriberListModel::isLoaded(int row) const
{
    const auto it = m_pages.constFind(row / PageSize);
    return it != m_pages.cend() && row % PageSize < it->size();
}

int SubscriberListModel::rowOfSeq(qint64 seq) const
{
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it)
        for (int i = 0; i < it->size(); ++i)
            if (it->at(i).seq == seq)
                return it.key() * PageSize + i;
    return -1;
}

void SubscriberListModel::setSearchText(const QString &text)
{
    m_searchText = text;
    refresh();
}

void SubscriberListModel::refresh()
{
    m_clock.start();
    const quint64 generation = ++m_generation;
    m_latest->store(generation);
    const QString text = m_searchText.trimmed();
    auto latest = m_latest;
    m_worker->post(
        this,
        [text, generation, latest](Store *store) {
            Answer a;
            if (latest->load() != generation) {
                a.stale = true; // a newer keystroke is already queued
                return a;
            }
            if (!store) {
                a.error = tr("The database could not be opened for reading.");
                return a;
            }
            if (text.isEmpty()) {
                auto count = DeskQueries(store->db()).countSubscribers();
                if (count) {
                    a.count = *count;
                    a.total = count->live;
                } else
                    a.error = count.error().message;
            } else {
                auto found = DeskQueries(store->db()).search(text, MaxRanked, MaxMatches);
                if (found) {
                    a.matches = std::move(found->rows);
                    a.total = found->total;
                    a.ranked = found->ranked;
                    a.complete = found->complete;
                } else {
                    a.error = found.error().message;
                }
            }
            return a;
        },
        [this, generation, text](Answer a) {
            if (a.stale || generation != m_generation)
                return;
            if (!a.error.isEmpty()) {
                emit failed(a.error);
                return;
            }
            beginResetModel();
            ++m_dataGeneration;
            m_pages.clear();
            m_lru.clear();
            m_pending.clear();
            m_matches = std::move(a.matches);
            m_total = a.total;
            m_count = a.count;
            m_ranked = a.ranked;
            m_complete = a.complete;
            // Searching, the list is the matches kept; browsing, it is every subscriber.
            m_rows = text.isEmpty() ? int(qMin<qint64>(a.total, std::numeric_limits<int>::max()))
                                    : int(m_matches.size());
            m_ready = true;
            endResetModel();
            emit ready(text, m_rows, m_clock.elapsed());
        });
}

void SubscriberListModel::requestPage(int page) const
{
    if (m_pending.contains(page) || !m_ready)
        return;
    m_pending.insert(page);
    const quint64 generation = m_generation;
    const quint64 dataGeneration = m_dataGeneration;
    const qint64 offset = qint64(page) * PageSize;
    const DeskQueries::Count count = m_count;
    const bool searching = isSearching();
    const QList<qint64> seqs = searching ? m_matches.mid(offset, PageSize) : QList<qint64>();
    auto latest = m_latest;
    auto *self = const_cast<SubscriberListModel *>(this);
    m_worker->post(
        self,
        [=](Store *store) -> std::optional<QList<SubscriberRow>> {
            if (latest->load() != generation || !store)
                return std::nullopt;
            DeskQueries queries(store->db());
            auto rows = searching ? queries.subscribersBySeq(seqs)
                                  : queries.subscriberPage(offset, PageSize, count);
            if (!rows)
                return std::nullopt;
            return *rows;
        },
        [self, dataGeneration, page](std::optional<QList<SubscriberRow>> rows) {
            // Rows read for a list that has been replaced since (a newer search) are not these.
            if (dataGeneration != self->m_dataGeneration)
                return;
            self->m_pending.remove(page);
            if (rows)
                self->pageArrived(page, std::move(*rows));
        });
}

void SubscriberListModel::pageArrived(int page, QList<SubscriberRow> rows)
{
    const int first = page * PageSize;
    if (first >= m_rows)
        return;
    // A search row whose subscriber vanished meanwhile would shift the rows: keep the count stable
    // by padding the page, the next refresh drops the gap.
    const int expected = qMin(PageSize, m_rows - first);
    m_pages.insert(page, std::move(rows));
    m_lru.removeAll(page);
    m_lru.append(page);
    evictIfNeeded();
    const int last = first + expected - 1;
    emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    emit pageLoaded(first, last);
}

void SubscriberListModel::evictIfNeeded()
{
    while (m_lru.size() > MaxCachedPages) {
        const int victim = m_lru.takeFirst();
        m_pages.remove(victim);
    }
}

void SubscriberListModel::locate(qint64 seq)
{
    if (isSearching()) {
        const int row = int(m_matches.indexOf(seq));
        emit located(row, seq);
        return;
    }
    const quint64 generation = m_generation;
    m_worker->post(
        this,
        [seq](Store *store) -> qint64 {
            if (!store)
                return -1;
            auto pos = DeskQueries(store->db()).positionOf(seq);
            return pos ? *pos : -1;
        },
        [this, seq, generation](qint64 position) {
            if (generation != m_generation)
                return;
            emit located(position >= 0 && position < m_rows ? int(position) : -1, seq);
        });
}

} // namespace Relais

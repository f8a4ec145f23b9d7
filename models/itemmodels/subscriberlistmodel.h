#pragma once
// The subscriber list: a paged table that scrolls a million rows in constant memory. It knows the
// row count and holds a bounded cache of pages; a missing page is read in the StoreWorker and the
// rows appear when it arrives. With a search, it pages over the FTS matches (best first) instead of
// the whole table (in name order).

#include "deskqueries.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>

#include <atomic>
#include <memory>

namespace Relais {

class StoreWorker;

class SubscriberListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NumberColumn,
        NameColumn,
        StreetColumn,
        PostalCodeColumn,
        CityColumn,
        ColumnCount
    };
    enum Role { SeqRole = Qt::UserRole + 1, IdRole, LoadedRole };

    static constexpr int PageSize = 100;
    static constexpr int MaxCachedPages = 40;
    // A search lists at most this many matches (a clerk refines rather than scrolls further).
    static constexpr int MaxMatches = 5000;
    // Searches with more matches than this are listed unranked (see DeskQueries::search).
    static constexpr int MaxRanked = 2000;

    explicit SubscriberListModel(StoreWorker *worker, QObject *parent = nullptr);
    ~SubscriberListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Empty text lists everyone. The newest call wins; older answers are dropped.
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }
    bool isSearching() const { return !m_searchText.trimmed().isEmpty(); }
    // Re-reads the count (or the matches) and drops the cached pages (after a save).
    void refresh();
    // True once the count or matches for the current text are known.
    bool isReady() const { return m_ready; }
    // Every match of the current search (the list holds at most MaxMatches), and whether the list
    // is in rank order.
    qint64 matchCount() const { return m_total; }
    bool isComplete() const { return m_complete; }
    bool isRanked() const { return m_ranked; }
    bool isLoaded(int row) const;
    // The row of a loaded subscriber, or -1.
    int rowOfSeq(qint64 seq) const;
    // Finds where a subscriber sits in the current list (a query when not searching), then emits
    // located(row, seq); row is -1 when the subscriber is not listed.
    void locate(qint64 seq);

signals:
    // The count or the match list for `text` arrived; elapsedMs since setSearchText/refresh.
    void ready(const QString &text, int rows, qint64 elapsedMs);
    void pageLoaded(int firstRow, int lastRow);
    void located(int row, qint64 seq);
    void failed(const QString &message);

private:
    void requestPage(int page) const;
    void pageArrived(int page, QList<SubscriberRow> rows);
    void evictIfNeeded();

    StoreWorker *m_worker;
    QString m_searchText;
    quint64 m_generation = 0;     // of the count or search asked for last
    quint64 m_dataGeneration = 0; // of the rows shown: pages read for older rows are dropped
    // The latest generation asked for, read by the worker to skip stale jobs.
    std::shared_ptr<std::atomic<quint64>> m_latest;
    bool m_ready = false;
    int m_rows = 0;
    qint64 m_total = 0;
    DeskQueries::Count m_count;
    bool m_ranked = false;
    bool m_complete = true;
    QList<qint64> m_matches; // FTS rows in rank order, when searching
    QHash<int, QList<SubscriberRow>> m_pages;
    QList<int> m_lru; // most recent last
    mutable QSet<int> m_pending;
    QElapsedTimer m_clock;
};

} // namespace Relais

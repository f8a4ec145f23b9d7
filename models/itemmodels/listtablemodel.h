#pragma once
// A read-only table over a list of values held in memory (a subscriber's subscriptions, holds,
// complaints, audit entries, a worklist): the small lists of the record view. data() never queries.

#include <QAbstractTableModel>
#include <QList>

namespace Relais {

template<typename T> class ListTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setRows(QList<T> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    const QList<T> &rows() const { return m_rows; }
    const T *rowAt(int row) const
    {
        return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : columns();
    }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const QVariant value = cell(m_rows.at(index.row()), index.column(), role);
        // A column narrowed to share the table's width cuts its text: the whole text on hover.
        if (role == Qt::ToolTipRole && !value.isValid()) {
            const QVariant shown = cell(m_rows.at(index.row()), index.column(), Qt::DisplayRole);
            if (shown.typeId() == QMetaType::QString)
                return shown;
        }
        return value;
    }
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
            || section >= columns())
            return {};
        return header(section);
    }

protected:
    virtual int columns() const = 0;
    virtual QVariant cell(const T &row, int column, int role) const = 0;
    virtual QString header(int column) const = 0;

private:
    QList<T> m_rows;
};

} // namespace Relais

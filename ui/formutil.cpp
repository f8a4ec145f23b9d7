#include "formutil.h"

#include "datefield.h"

#include <QDialog>
#include <QEvent>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QScrollBar>
#include <QTableView>

#include <algorithm>

namespace Relais::Ui {

DateField *makeDateField(QDate value, QWidget *parent)
{
    return new DateField(value, parent);
}

QLabel *makeErrorLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(QStringLiteral("error"));
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: #b00020;"));
    l->hide();
    return l;
}

void showError(QLabel *label, const Error &error)
{
    QStringList lines;
    for (const Issue &i : error.issues)
        if (!lines.contains(i.message))
            lines << i.message;
    if (lines.isEmpty() || (error.kind != ErrorKind::Invalid && !lines.contains(error.message)))
        lines.prepend(error.message);
    label->setText(lines.join(u'\n'));
    label->show();
    // A dialog grows to show the reason; its fields keep their height.
    if (auto *dialog = qobject_cast<QDialog *>(label->window()))
        growToFit(dialog);
}

void padFormLabels(QFormLayout *form)
{
    for (int row = 0; row < form->rowCount(); ++row)
        if (QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole))
            if (auto *label = qobject_cast<QLabel *>(item->widget()))
                label->setMinimumWidth(label->sizeHint().width() + 4);
}

void growToFit(QWidget *window)
{
    QLayout *layout = window->layout();
    if (!layout)
        return;
    layout->activate();
    const QSize hint = window->sizeHint().expandedTo(window->minimumSizeHint());
    const int width = qMax(window->width(), hint.width());
    const int height = layout->hasHeightForWidth() ? layout->totalHeightForWidth(width)
                                                   : hint.height();
    if (width > window->width() || height > window->height())
        window->resize(width, qMax(window->height(), height));
}

void clearError(QLabel *label)
{
    label->clear();
    label->hide();
}

void fitColumns(QTableView *view, int maxWidth)
{
    view->resizeColumnsToContents();
    for (int c = 0; c < view->horizontalHeader()->count(); ++c)
        if (view->columnWidth(c) > maxWidth)
            view->setColumnWidth(c, maxWidth);
}

QList<int> naturalColumnWidths(QTableView *view)
{
    QList<int> widths;
    QHeaderView *header = view->horizontalHeader();
    for (int c = 0; c < header->count(); ++c) {
        const int content = static_cast<QAbstractItemView *>(view)->sizeHintForColumn(c);
        widths << (view->isColumnHidden(c) ? 0 : qMax(content, header->sectionSizeHint(c)));
    }
    return widths;
}

void shrinkColumnWidths(QList<int> &widths, int room, int minimum)
{
    int total = 0;
    for (int w : widths)
        total += w;
    if (total <= room || room <= 0 || widths.isEmpty())
        return;
    int low = 0;
    int high = *std::max_element(widths.cbegin(), widths.cend());
    while (low < high) { // the largest common cap that fits
        const int mid = (low + high + 1) / 2;
        int capped = 0;
        for (int w : widths)
            capped += qMin(w, mid);
        if (capped <= room)
            low = mid;
        else
            high = mid - 1;
    }
    const int cap = qMax(low, minimum);
    for (int &w : widths)
        w = qMin(w, cap);
}

namespace {
class ColumnFitter final : public QObject
{
public:
    explicit ColumnFitter(QTableView *view) : QObject(view), m_view(view)
    {
        setObjectName(QStringLiteral("relais_column_fitter"));
        view->installEventFilter(this);
    }

    void fit()
    {
        QList<int> widths = naturalColumnWidths(m_view);
        const int bar = m_view->verticalScrollBar()->isVisible()
                            ? m_view->verticalScrollBar()->width()
                            : 0;
        const int room = m_view->width() - 2 * m_view->frameWidth() - bar;
        shrinkColumnWidths(widths, room, m_view->horizontalHeader()->minimumSectionSize());
        for (int c = 0; c < widths.size(); ++c)
            if (!m_view->isColumnHidden(c))
                m_view->setColumnWidth(c, widths.at(c));
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_view && event->type() == QEvent::Resize)
            fit();
        return QObject::eventFilter(watched, event);
    }

private:
    QTableView *m_view;
};
} // namespace

void fitColumnsToView(QTableView *view)
{
    // No Q_OBJECT on the fitter (qobject_cast would take any child for it): found by its name.
    auto *fitter = dynamic_cast<ColumnFitter *>(
        view->findChild<QObject *>(QStringLiteral("relais_column_fitter"),
                                   Qt::FindDirectChildrenOnly));
    if (!fitter)
        fitter = new ColumnFitter(view);
    fitter->fit();
}

} // namespace Relais::Ui

#include "searchpane.h"

#include "subscriberlistmodel.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace Relais::Ui {

SearchPane::SearchPane(StoreWorker *worker, QWidget *parent) : QWidget(parent)
{
    m_model = new SubscriberListModel(worker, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("search"));
    m_field->setPlaceholderText(
        tr("Search: name, number, postal code, town, e-mail, phone (Ctrl+F)"));
    m_field->setClearButtonEnabled(true);
    layout->addWidget(m_field);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("result_count"));
    // However long the sentence, it wraps within the list's width: a label never widens the window.
    m_count->setWordWrap(true);
    m_count->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_count);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("subscriber_list"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setTabKeyNavigation(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights and column widths: a million rows must never be measured.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    const int digit = m_view->fontMetrics().horizontalAdvance(u'0');
    m_view->setColumnWidth(SubscriberListModel::NumberColumn, digit * 8);
    m_view->setColumnWidth(SubscriberListModel::NameColumn, digit * 18);
    m_view->setColumnWidth(SubscriberListModel::StreetColumn, digit * 15);
    const QString codeHeader = m_model
                                   ->headerData(SubscriberListModel::PostalCodeColumn,
                                                Qt::Horizontal)
                                   .toString();
    m_view->setColumnWidth(SubscriberListModel::PostalCodeColumn,
                           qMax(digit * 7,
                                m_view->fontMetrics().horizontalAdvance(codeHeader) + digit * 2));
    layout->addWidget(m_view, 1);
    setFocusProxy(m_field);

    connect(m_field, &QLineEdit::textChanged, m_model, &SubscriberListModel::setSearchText);
    m_field->installEventFilter(this);
    m_view->installEventFilter(this);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SearchPane::currentRowChanged);
    connect(
        m_model, &SubscriberListModel::ready, this,
        [this](const QString &text, int rows, qint64 ms) {
            const QString n = QLocale().toString(rows);
            if (text.trimmed().isEmpty())
                m_count->setText(tr("%1 subscriber(s)", nullptr, rows).arg(n));
            else if (!m_model->isComplete())
                m_count->setText(
                    tr("More than %1 results, not ranked: type more to see the best first (%2 ms)")
                        .arg(n)
                        .arg(ms));
            else if (!m_model->isRanked())
                m_count->setText(
                    tr("%1 results, not ranked: type more to see the best first (%2 ms)")
                        .arg(n)
                        .arg(ms));
            else
                m_count->setText(tr("%1 result(s) (%2 ms)", nullptr, rows).arg(n).arg(ms));
            // "(4 ms)" stays on one line when the sentence wraps.
            m_countText = m_count->text().replace(QStringLiteral(" ms)"),
                                                  QStringLiteral("\u00a0ms)"));
            showCount();
            if (m_wanted >= 0)
                m_model->locate(m_wanted);
        });
    // A row chosen while its page was loading is opened when the page arrives.
    connect(m_model, &SubscriberListModel::pageLoaded, this, [this](int first, int last) {
        const int row = m_view->currentIndex().row();
        if (row >= first && row <= last)
            currentRowChanged();
    });
    connect(m_model, &SubscriberListModel::modelReset, this, [this] { m_lastChosen = -1; });
    connect(m_model, &SubscriberListModel::failed, this,
            [this](const QString &message) { m_count->setText(message); });
    connect(m_model, &SubscriberListModel::located, this, [this](int row, qint64 seq) {
        if (seq != m_wanted)
            return;
        m_wanted = -1;
        if (row >= 0) {
            m_quiet = true;
            selectRow(row);
            m_quiet = false;
            m_lastChosen = seq;
        }
    });
}

void SearchPane::setFirstCopy(bool on)
{
    m_firstCopy = on;
    showCount();
}

void SearchPane::showCount()
{
    if (!m_firstCopy) {
        m_count->setText(m_countText);
        return;
    }
    const QString note = tr("First copy from the server under way: the list and the search are "
                            "complete once it ends.");
    m_count->setText(m_countText.isEmpty() ? note : m_countText + u' ' + note);
}

void SearchPane::focusSearch()
{
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void SearchPane::setSearchText(const QString &text)
{
    m_field->setText(text);
}

void SearchPane::showSubscriber(qint64 seq)
{
    m_wanted = seq;
    if (m_model->isReady())
        m_model->locate(seq);
}

void SearchPane::selectSeqQuietly(qint64 seq)
{
    const int row = m_model->rowOfSeq(seq);
    m_quiet = true;
    if (row >= 0)
        selectRow(row);
    else
        m_view->selectionModel()->clearCurrentIndex();
    m_quiet = false;
    m_lastChosen = row >= 0 ? seq : -1;
}

qint64 SearchPane::currentSeq() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.data(SubscriberListModel::SeqRole).toLongLong() : -1;
}

void SearchPane::selectRow(int row)
{
    const QModelIndex i = m_model->index(row, SubscriberListModel::NameColumn);
    m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect
                                                     | QItemSelectionModel::Rows);
    m_view->scrollTo(i, QAbstractItemView::PositionAtCenter);
}

void SearchPane::currentRowChanged()
{
    if (m_quiet)
        return;
    const qint64 seq = currentSeq();
    if (seq > 0 && seq != m_lastChosen) {
        m_lastChosen = seq;
        emit subscriberChosen(seq);
    }
}

bool SearchPane::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    if (watched == m_field) {
        if (key->key() == Qt::Key_Escape && !m_field->text().isEmpty()) {
            m_field->clear(); // back to the whole list
            return true;
        }
        if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_PageDown)
            && m_model->rowCount() > 0) {
            m_view->setFocus(Qt::OtherFocusReason);
            if (!m_view->currentIndex().isValid())
                selectRow(0);
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && m_model->rowCount() > 0) {
            if (!m_view->currentIndex().isValid())
                selectRow(0);
            if (const qint64 seq = currentSeq(); seq > 0)
                emit subscriberActivated(seq);
            return true;
        }
    } else if (watched == m_view) {
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (const qint64 seq = currentSeq(); seq > 0)
                emit subscriberActivated(seq);
            return true;
        }
        if (key->key() == Qt::Key_Up && m_view->currentIndex().row() <= 0) {
            focusSearch();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Relais::Ui

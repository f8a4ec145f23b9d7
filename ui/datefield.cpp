#include "datefield.h"

#include <QApplication>
#include <QCalendarWidget>
#include <QClipboard>
#include <QFocusEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QScreen>
#include <QToolButton>
#include <QVBoxLayout>

namespace Relais::Ui {

namespace {
const QString kFormat = QStringLiteral("dd/MM/yyyy");

// A year as typed: four digits as they are, two in this century (one digit is a year still being typed).
int yearOf(const QString &digits)
{
    bool ok = false;
    const int y = digits.toInt(&ok);
    if (!ok)
        return 0;
    if (digits.size() == 4)
        return y;
    if (digits.size() == 2)
        return 2000 + y;
    return 0;
}

// The text of a date is replaced, not edited: whatever brings the cursor here but a click selects
// it all, so that typing 02/08/2027 gives 02/08/2027.
class DateLineEdit final : public QLineEdit
{
public:
    using QLineEdit::QLineEdit;

protected:
    void focusInEvent(QFocusEvent *event) override
    {
        QLineEdit::focusInEvent(event);
        if (event->reason() != Qt::MouseFocusReason)
            selectAll();
    }
};

QDate dmy(const QString &d, const QString &m, const QString &y)
{
    bool okDay = false, okMonth = false;
    const int day = d.toInt(&okDay);
    const int month = m.toInt(&okMonth);
    const int year = yearOf(y);
    if (!okDay || !okMonth || year == 0 || d.size() > 2 || m.size() > 2)
        return {};
    return QDate(year, month, day);
}
} // namespace

DateField::DateField(QDate value, QWidget *parent) : QWidget(parent)
{
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(1);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    m_edit = new DateLineEdit(this);
    m_edit->setObjectName(QStringLiteral("date_text"));
    // Digits and separators only; the length leaves room for "02 / 08 / 2027".
    m_edit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9/.\\- ]{0,16}")),
                                        m_edit));
    m_edit->setMinimumWidth(m_edit->fontMetrics().horizontalAdvance(QStringLiteral("00/00/00000"))
                            + 16);
    m_edit->setMaximumWidth(m_edit->fontMetrics().horizontalAdvance(QStringLiteral("00/00/0000000"))
                            + 16);
    m_edit->installEventFilter(this);
    m_button = new QToolButton(this);
    m_button->setObjectName(QStringLiteral("calendar_button"));
    m_button->setArrowType(Qt::DownArrow);
    m_button->setFocusPolicy(Qt::NoFocus); // Tab goes from the text to the next field
    row->addWidget(m_edit);
    row->addWidget(m_button);
    row->addStretch(1);
    column->addLayout(row);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("date_message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_message->hide();
    column->addWidget(m_message);
    setFocusProxy(m_edit);
    setFocusPolicy(Qt::StrongFocus);

    connect(m_edit, &QLineEdit::textEdited, this, &DateField::textEdited);
    connect(m_edit, &QLineEdit::editingFinished, this, &DateField::finishEditing);
    connect(m_button, &QToolButton::clicked, this, &DateField::openCalendar);
    QEvent retranslate(QEvent::LanguageChange);
    changeEvent(&retranslate);
    setDate(value);
}

void DateField::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_edit->setPlaceholderText(tr("dd/mm/yyyy"));
        m_button->setToolTip(tr("Calendar (Alt+Down)"));
        m_edit->setToolTip(tr("A date as dd/mm/yyyy; 2/8/27, 02082027 and 2027-08-02 are read too. "
                              "Up and Down: a day later or earlier; Alt+Down: the calendar."));
        if (!m_message->isHidden())
            showMessage(errorText());
    }
    QWidget::changeEvent(event);
}

QString DateField::format(QDate date)
{
    return date.isValid() ? date.toString(kFormat) : QString();
}

QDate DateField::parse(const QString &typed, QDate today)
{
    const QString text = typed.trimmed();
    if (text.isEmpty())
        return {};
    static const QRegularExpression separators(QStringLiteral("\\s*[/.\\- ]\\s*"));
    static const QRegularExpression digitsOnly(QStringLiteral("^[0-9]+$"));
    const QStringList parts = text.split(separators);
    for (const QString &p : parts)
        if (!digitsOnly.match(p).hasMatch())
            return {};
    if (parts.size() == 3) {
        if (parts[0].size() == 4) // 2027-08-02
            return parts[2].size() <= 2 && parts[1].size() <= 2
                       ? QDate(parts[0].toInt(), parts[1].toInt(), parts[2].toInt())
                       : QDate();
        return dmy(parts[0], parts[1], parts[2]);
    }
    if (parts.size() == 2) // 02/08: this year
        return dmy(parts[0], parts[1], QString::number(today.year()));
    if (parts.size() != 1)
        return {};
    if (text.size() == 8) { // 02082027, or 20270802 when that is not a day and month
        const QDate d = dmy(text.mid(0, 2), text.mid(2, 2), text.mid(4, 4));
        if (d.isValid())
            return d;
        return QDate(text.mid(0, 4).toInt(), text.mid(4, 2).toInt(), text.mid(6, 2).toInt());
    }
    if (text.size() == 6) // 020827
        return dmy(text.mid(0, 2), text.mid(2, 2), text.mid(4, 2));
    return {};
}

QString DateField::text() const
{
    return m_edit->text();
}

void DateField::setDate(QDate date)
{
    const QString text = format(date);
    if (m_edit->text() != text)
        m_edit->setText(text);
    showMessage(QString());
    if (date != m_date) {
        m_date = date;
        if (date.isValid())
            emit dateChanged(date);
    }
}

void DateField::setDateRange(QDate minimum, QDate maximum)
{
    m_minimum = minimum;
    m_maximum = maximum;
}

QString DateField::errorText() const
{
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty())
        return m_optional ? QString() : tr("Type a date as dd/mm/yyyy.");
    const QDate d = parse(text);
    if (!d.isValid())
        return tr("\"%1\" is not a date: type it as dd/mm/yyyy (for example %2).")
            .arg(text, format(QDate::currentDate()));
    if (d < m_minimum || d > m_maximum)
        return tr("%1 is outside the dates accepted here (%2 to %3).")
            .arg(format(d), format(m_minimum), format(m_maximum));
    return {};
}

bool DateField::isAcceptable() const
{
    return errorText().isEmpty();
}

bool DateField::check()
{
    const QString error = errorText();
    showMessage(error);
    return error.isEmpty();
}

void DateField::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_edit->setStyleSheet(
        text.isEmpty() ? QString() : QStringLiteral("QLineEdit { border: 2px solid #b00020; }"));
    m_edit->setAccessibleDescription(text);
}

void DateField::textEdited()
{
    const QDate d = isAcceptable() ? parse(m_edit->text()) : QDate();
    // A reason already shown follows the text: it goes as soon as the date is right.
    if (!m_message->isHidden())
        showMessage(errorText());
    if (d != m_date) {
        m_date = d;
        if (d.isValid())
            emit dateChanged(d);
    }
    emit edited();
}

void DateField::finishEditing()
{
    if (isCalendarOpen())
        return;
    if (!check())
        return; // the text stays as typed, with its reason under it
    if (m_date.isValid() && m_edit->text() != format(m_date))
        m_edit->setText(format(m_date)); // 2/8/27 reads back as 02/08/2027
}

void DateField::picked(QDate date)
{
    if (m_popup)
        m_popup->hide();
    m_edit->setFocus(Qt::PopupFocusReason);
    if (!date.isValid())
        return;
    m_edit->setText(format(date));
    textEdited();
    showMessage(QString());
}

bool DateField::isCalendarOpen() const
{
    return m_popup && m_popup->isVisible();
}

void DateField::openCalendar()
{
    if (!isEnabled())
        return;
    if (!m_popup) {
        m_popup = new QWidget(this, Qt::Popup);
        m_popup->setObjectName(QStringLiteral("calendar_popup"));
        auto *l = new QVBoxLayout(m_popup);
        l->setContentsMargins(0, 0, 0, 0);
        m_calendar = new QCalendarWidget(m_popup);
        m_calendar->setObjectName(QStringLiteral("calendar"));
        m_calendar->setGridVisible(true);
        m_calendar->setVerticalHeaderFormat(QCalendarWidget::NoVerticalHeader);
        l->addWidget(m_calendar);
        connect(m_calendar, &QCalendarWidget::activated, this, &DateField::picked);
        connect(m_calendar, &QCalendarWidget::clicked, this, &DateField::picked);
        m_calendar->installEventFilter(this);
    }
    m_calendar->setDateRange(m_minimum, m_maximum);
    const QDate shown = parse(m_edit->text());
    m_calendar->setSelectedDate(shown.isValid() ? shown : QDate::currentDate());
    m_popup->adjustSize();
    QPoint at = m_edit->mapToGlobal(QPoint(0, m_edit->height()));
    if (const QScreen *screen = m_edit->screen()) {
        const QRect area = screen->availableGeometry();
        if (at.y() + m_popup->height() > area.bottom())
            at.setY(m_edit->mapToGlobal(QPoint(0, 0)).y() - m_popup->height());
        at.setX(qBound(area.left(), at.x(), area.right() - m_popup->width()));
    }
    m_popup->move(at);
    m_popup->show();
    m_calendar->setFocus(Qt::PopupFocusReason);
}

bool DateField::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    if (m_calendar && watched == m_calendar) {
        if (key->key() == Qt::Key_Escape) {
            picked(QDate());
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            picked(m_calendar->selectedDate());
            return true;
        }
        return QWidget::eventFilter(watched, event);
    }
    if (watched != m_edit)
        return QWidget::eventFilter(watched, event);
    if ((key->key() == Qt::Key_Down && key->modifiers() & Qt::AltModifier)
        || key->key() == Qt::Key_F4) {
        openCalendar();
        return true;
    }
    if (key->matches(QKeySequence::Paste)) {
        // A whole date pasted replaces the field, whatever was selected.
        const QDate d = parse(QApplication::clipboard()->text());
        if (d.isValid()) {
            m_edit->setText(format(d));
            textEdited();
            return true;
        }
        return QWidget::eventFilter(watched, event);
    }
    const bool plain = !(key->modifiers()
                         & (Qt::AltModifier | Qt::ControlModifier | Qt::MetaModifier));
    if (plain
        && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down || key->key() == Qt::Key_PageUp
            || key->key() == Qt::Key_PageDown)) {
        const QDate d = parse(m_edit->text());
        if (!d.isValid())
            return true;
        QDate next = d;
        switch (key->key()) {
        case Qt::Key_Up: next = d.addDays(1); break;
        case Qt::Key_Down: next = d.addDays(-1); break;
        case Qt::Key_PageUp: next = d.addMonths(1); break;
        default: next = d.addMonths(-1); break;
        }
        m_edit->setText(format(next));
        textEdited();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Relais::Ui

#pragma once
// The application's one date field: a whole date typed or pasted in one go (02/08/2027, 2/8/27,
// 02082027, 2027-08-02), Tab to the next field, a calendar on Alt+Down, Up/Down a day, and an
// invalid date kept as typed and named under the field, never put back silently.

#include <QDate>
#include <QWidget>

class QCalendarWidget;
class QLabel;
class QLineEdit;
class QToolButton;

namespace Relais::Ui {

class DateField final : public QWidget
{
    Q_OBJECT
public:
    explicit DateField(QDate value = QDate(), QWidget *parent = nullptr);

    // The date typed; an invalid QDate while the text is not a date (or is empty).
    QDate date() const { return m_date; }
    void setDate(QDate date);
    // The text read as a date: a valid date, or none when the text is not one.
    static QDate parse(const QString &text, QDate today = QDate::currentDate());
    // dd/MM/yyyy, the way every date is shown.
    static QString format(QDate date);

    // An empty field is a valid answer ("no date"), not an error.
    void setOptional(bool optional) { m_optional = optional; }
    void setDateRange(QDate minimum, QDate maximum);

    // The text is a date in range (or empty in an optional field).
    bool isAcceptable() const;
    // The reason the text is not acceptable, or an empty string.
    QString errorText() const;
    // Shows the reason under the field (on leaving it, or when a dialog refuses to go on).
    // Returns false if there is one.
    bool check();

    QLineEdit *lineEdit() const { return m_edit; }
    QString text() const;
    bool isCalendarOpen() const;
    QCalendarWidget *calendar() const { return m_calendar; }
    void openCalendar();

signals:
    // A new valid date (typed, picked or set); not emitted while the text is not a date.
    void dateChanged(QDate date);
    // Every change the clerk makes (typing, pasting, picking).
    void edited();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void textEdited();
    void finishEditing();
    void showMessage(const QString &text);
    void picked(QDate date);

    QLineEdit *m_edit;
    QToolButton *m_button;
    QLabel *m_message;
    QWidget *m_popup = nullptr;
    QCalendarWidget *m_calendar = nullptr;
    QDate m_date;
    QDate m_minimum{1900, 1, 1};
    QDate m_maximum{2199, 12, 31};
    bool m_optional = false;
};

} // namespace Relais::Ui

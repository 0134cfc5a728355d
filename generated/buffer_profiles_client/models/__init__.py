"""Contains all the data models used in inputs/outputs"""

from .day import Day
from .error import Error
from .profile import Profile
from .profile_counts import ProfileCounts
from .schedule import Schedule
from .schedule_input import ScheduleInput
from .statistics import Statistics
from .update_schedules_form import UpdateSchedulesForm
from .update_schedules_result import UpdateSchedulesResult

__all__ = (
    "Day",
    "Error",
    "Profile",
    "ProfileCounts",
    "Schedule",
    "ScheduleInput",
    "Statistics",
    "UpdateSchedulesForm",
    "UpdateSchedulesResult",
)

from .error import ErrorDict
from .profile import ProfileDict
from .profile_counts import ProfileCountsDict
from .schedule import ScheduleDict
from .schedule_input import ScheduleInputDict
from .statistics import StatisticsDict
from .update_schedules_form import UpdateSchedulesFormDict
from .update_schedules_result import UpdateSchedulesResultDict

__all__ += (
    "ErrorDict",
    "ProfileDict",
    "ProfileCountsDict",
    "ScheduleDict",
    "ScheduleInputDict",
    "StatisticsDict",
    "UpdateSchedulesFormDict",
    "UpdateSchedulesResultDict",
)

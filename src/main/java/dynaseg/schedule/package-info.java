/**
 * Dynamic class-weight schedules (the paper's strategies: constant, prevalence, threshold and
 * plateau freezing, class boost), each a few rules over the per-organ validation Dice.
 * {@link dynaseg.schedule.Schedules} owns the strategy names and
 * {@link dynaseg.schedule.ScheduleSettings} their settings and limits; a new schedule is a class here
 * and one entry in Schedules.
 */
package dynaseg.schedule;

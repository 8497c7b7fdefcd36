/**
 * People counted per place_id: a GROUP BY over people's integer key that the optimizer
 * answers from ix_people_place alone. Every aggregate joins this small derived table to
 * places, so no report joins or groups on strings over the people table.
 */
export const COUNTS_BY_PLACE_ID = 'SELECT place_id, COUNT(*) AS people FROM people GROUP BY place_id';

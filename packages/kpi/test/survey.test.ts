import t from 'tap';
import {
  csatAverage,
  csatSatisfiedRate,
  netPromoterScore,
  surveyOfferRate,
  surveyResponseRate,
  type SurveyResult,
} from '../src/index.js';
import { answered, unanswered } from './fixtures/records.js';

const rated = (scale: SurveyResult['scale'], score: number) => answered({ surveyOffered: true, survey: { scale, score } });
const calls = [
  rated('csat', 5),
  rated('csat', 4),
  rated('csat', 2),
  answered({ surveyOffered: true }), // offered, caller did not press a key
  answered({ surveyOffered: false }), // caller hung up first
  rated('nps', 10),
  rated('nps', 9),
  rated('nps', 7), // passive
  rated('nps', 3),
  unanswered('abandoned', 40, { surveyOffered: true }), // not an answered call: ignored
];

t.test('CSAT', async (t) => {
  t.equal(csatAverage(calls), (5 + 4 + 2) / 3);
  t.equal(csatSatisfiedRate(calls), 2 / 3, '5 and 4 are satisfied');
});

t.test('NPS', async (t) => {
  // promoters 10, 9 = 2; detractors 3 = 1; of 4 ⇒ 50 % − 25 %
  t.equal(netPromoterScore(calls), 25);
  t.equal(netPromoterScore([rated('nps', 6), rated('nps', 0)]), -100);
});

t.test('offer and response rates', async (t) => {
  // 9 answered calls, 8 offered the survey, 7 answered it
  t.equal(surveyOfferRate(calls), 8 / 9);
  t.equal(surveyResponseRate(calls), 7 / 8);
});

t.test('a score without an offer is not counted', async (t) => {
  const stray = [answered({ surveyOffered: false, survey: { scale: 'csat', score: 1 } })];
  t.equal(csatAverage(stray), null);
  t.equal(surveyResponseRate(stray), null);
});

t.test('no surveys gives nulls', async (t) => {
  for (const figure of [csatAverage, csatSatisfiedRate, netPromoterScore, surveyOfferRate, surveyResponseRate]) {
    t.equal(figure([]), null, figure.name);
  }
});

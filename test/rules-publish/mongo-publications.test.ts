import { MongoRulesetPublications } from '../../src/adapters/mongo/mongo-ruleset-publications.js';
import { rulesetPublicationsContract } from '../contracts/ruleset-publications.contract.js';
import { describeMongo, freshDatabase } from '../support/mongo.js';

describeMongo('rule set publications', () => {
  rulesetPublicationsContract('mongodb', async () => new MongoRulesetPublications(await freshDatabase()));
});

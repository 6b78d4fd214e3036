import { parseModelsUri } from './models-uri';

describe('parseModelsUri', () => {
  it('reads aliases and versions', () => {
    expect(parseModelsUri('models:/battle_winner_predictor@champion')).toEqual({ name: 'battle_winner_predictor', alias: 'champion' });
    expect(parseModelsUri('models:/battle_winner_predictor/3')).toEqual({ name: 'battle_winner_predictor', version: '3' });
    expect(parseModelsUri('models:/team/model@prod')).toEqual({ name: 'team/model', alias: 'prod' });
  });

  it.each(['runs:/abc/model', 'models:/m/Production', 'models:/m/latest', 'models:/m/0', 'models:/m@', 'models://m/1', 'models:/m'])('refuses %p', (uri) => {
    expect(() => parseModelsUri(uri)).toThrow();
  });
});

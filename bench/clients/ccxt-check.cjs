// Runs ccxt's binance (spot, with every market type loaded) and binanceusdm against the simulator given as argv[2].
const ccxt = require('ccxt');
const base = process.argv[2];

function pointAt(exchange) {
  const api = exchange.urls.api;
  for (const key of Object.keys(api)) {
    const url = String(api[key]);
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    api[key] = base + path; // the same paths, on the simulator
  }
  return exchange;
}

async function call(name, fn) {
  const started = Date.now();
  try {
    const result = await fn();
    console.log(`OK    ${name} (${Date.now() - started} ms)${result ? ': ' + result : ''}`);
    return true;
  } catch (e) {
    console.log(`FAIL  ${name} (${Date.now() - started} ms): ${e.constructor.name}: ${String(e.message).slice(0, 300)}`);
    return false;
  }
}

(async () => {
  console.log(`ccxt ${ccxt.version} against ${base}`);
  const spot = pointAt(new ccxt.binance({ enableRateLimit: false }));
  const usdm = pointAt(new ccxt.binanceusdm({ enableRateLimit: false }));
  const results = [];
  results.push(await call('binance.loadMarkets (spot, linear, inverse)', async () => {
    const markets = await spot.loadMarkets();
    return `${Object.keys(markets).length} markets`;
  }));
  results.push(await call('binance.fetchTime', async () => new Date(await spot.fetchTime()).toISOString()));
  results.push(await call('binance.fetchOrderBook BTC/USDT', async () => {
    const book = await spot.fetchOrderBook('BTC/USDT', 20);
    return `bid ${book.bids[0][0]} ask ${book.asks[0][0]}`;
  }));
  results.push(await call('binance.fetchTicker BTC/USDT', async () => {
    const t = await spot.fetchTicker('BTC/USDT');
    return `last ${t.last} 24h volume ${t.baseVolume}`;
  }));
  results.push(await call('binance.fetchTickers', async () => `${Object.keys(await spot.fetchTickers()).length} tickers`));
  results.push(await call('binance.fetchTrades BTC/USDT', async () => `${(await spot.fetchTrades('BTC/USDT')).length} trades`));
  results.push(await call('binance.fetchOHLCV BTC/USDT 3m', async () => `${(await spot.fetchOHLCV('BTC/USDT', '3m')).length} candles`));
  results.push(await call('binanceusdm.loadMarkets', async () => `${Object.keys(await usdm.loadMarkets()).length} markets`));
  results.push(await call('binanceusdm.fetchOrderBook BTC/USDT:USDT', async () => {
    const book = await usdm.fetchOrderBook('BTC/USDT:USDT', 20);
    return `bid ${book.bids[0][0]} ask ${book.asks[0][0]}`;
  }));
  results.push(await call('binanceusdm.fetchTicker BTC/USDT:USDT', async () => `last ${(await usdm.fetchTicker('BTC/USDT:USDT')).last}`));
  results.push(await call('binanceusdm.fetchTrades BTC/USDT:USDT', async () => `${(await usdm.fetchTrades('BTC/USDT:USDT')).length} trades`));
  results.push(await call('binanceusdm.fetchOHLCV BTC/USDT:USDT 15m', async () => `${(await usdm.fetchOHLCV('BTC/USDT:USDT', '15m')).length} candles`));
  results.push(await call('binanceusdm.fetchFundingRate BTC/USDT:USDT', async () => {
    const f = await usdm.fetchFundingRate('BTC/USDT:USDT');
    return `mark ${f.markPrice} rate ${f.fundingRate}`;
  }));
  const failed = results.filter(ok => !ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})();
